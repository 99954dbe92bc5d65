-- Campaigns (issue 5 §1) and the work-list tasks (工作清单). Instants are
-- Unix milliseconds; dates 'YYYY-MM-DD' in the school's zone.

-- A work-list item: a campaign milestone's deliverable for one unit, a
-- meeting decision, a policy item's step, or a task typed in by hand.
-- source_kind: campaign | milestone | meeting | policy | manual; source_id
-- is the row it came from (0 for manual). status: open | done | cancelled.
CREATE TABLE tasks (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT  NOT NULL REFERENCES schools(id),
    title           TEXT    NOT NULL,
    detail          TEXT    NOT NULL DEFAULT '',
    source_kind     TEXT    NOT NULL,
    source_id       BIGINT  NOT NULL DEFAULT 0,
    owner_unit_id   BIGINT  REFERENCES units(id),
    owner_person_id BIGINT  REFERENCES people(id),
    due_on          TEXT    NOT NULL DEFAULT '',
    status          TEXT    NOT NULL DEFAULT 'open',
    done_at         BIGINT,
    created_by      BIGINT  NOT NULL DEFAULT 0,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX tasks_school_due ON tasks (school_id, status, due_on, id);
CREATE INDEX tasks_unit ON tasks (school_id, owner_unit_id, status);
CREATE INDEX tasks_person ON tasks (school_id, owner_person_id, status);
CREATE INDEX tasks_source ON tasks (school_id, source_kind, source_id);

-- A campaign the school runs, reported to an authority by report_due_on.
-- note: how the school resolved a problem in the source document (shown on
-- the campaign page).
CREATE TABLE campaigns (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT  NOT NULL REFERENCES schools(id),
    name          TEXT    NOT NULL,
    doc_no        TEXT    NOT NULL DEFAULT '',
    authority     TEXT    NOT NULL DEFAULT '',
    starts_on     TEXT    NOT NULL,
    ends_on       TEXT    NOT NULL,
    report_due_on TEXT    NOT NULL DEFAULT '',
    description   TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    created_at    BIGINT  NOT NULL,
    UNIQUE (school_id, name)
);

CREATE TABLE campaign_phases (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT  NOT NULL REFERENCES schools(id),
    campaign_id BIGINT  NOT NULL REFERENCES campaigns(id),
    name        TEXT    NOT NULL,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX campaign_phases_campaign ON campaign_phases (campaign_id, starts_on);

-- status: open | done. A milestone may start before it is due (starts_on,
-- optional); it belongs to the phase its due date falls in, computed when
-- read so that moving a phase never leaves a stale link.
CREATE TABLE campaign_milestones (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT  NOT NULL REFERENCES schools(id),
    campaign_id   BIGINT  NOT NULL REFERENCES campaigns(id),
    name          TEXT    NOT NULL,
    starts_on     TEXT    NOT NULL DEFAULT '',
    due_on        TEXT    NOT NULL,
    deliverables  TEXT    NOT NULL DEFAULT '',
    status        TEXT    NOT NULL DEFAULT 'open',
    evidence_note TEXT    NOT NULL DEFAULT '',
    done_at       BIGINT
);
CREATE INDEX campaign_milestones_campaign ON campaign_milestones (campaign_id, due_on);

-- The units responsible for a milestone; task_id is the work-list task each got.
CREATE TABLE campaign_milestone_units (
    school_id    BIGINT NOT NULL REFERENCES schools(id),
    milestone_id BIGINT NOT NULL REFERENCES campaign_milestones(id),
    unit_id      BIGINT NOT NULL REFERENCES units(id),
    task_id      BIGINT REFERENCES tasks(id),
    PRIMARY KEY (milestone_id, unit_id)
);

-- A mobilisation notice (动员通知). target_unit_ids and target_roles record
-- what the office chose (comma-separated); recipients are resolved to
-- accounts when it is published, one row each.
CREATE TABLE notices (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT  NOT NULL REFERENCES schools(id),
    campaign_id     BIGINT  REFERENCES campaigns(id),
    title           TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    target_unit_ids TEXT    NOT NULL DEFAULT '',
    target_roles    TEXT    NOT NULL DEFAULT '',
    published_by    BIGINT  NOT NULL DEFAULT 0,
    published_at    BIGINT  NOT NULL
);
CREATE INDEX notices_school ON notices (school_id, published_at);

CREATE TABLE notice_recipients (
    notice_id       BIGINT NOT NULL REFERENCES notices(id),
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    account_id      BIGINT NOT NULL REFERENCES accounts(id),
    acknowledged_at BIGINT,
    PRIMARY KEY (notice_id, account_id)
);
CREATE INDEX notice_recipients_account ON notice_recipients (account_id, notice_id);

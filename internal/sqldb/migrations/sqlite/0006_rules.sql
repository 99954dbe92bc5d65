-- Rules register, policy items and safety meetings (issue 5 §2: RUL-1,
-- RUL-3, RUL-5, PLAN-3). Instants are Unix milliseconds; dates
-- 'YYYY-MM-DD' in the school's zone.

-- One version of a safety rule (制度). A new version of the same code
-- supersedes the one in force: the old row stays, status 'superseded',
-- superseded_on = the new version's effective date. At most one version of
-- a code is in force. post_place_types: comma-separated place types whose
-- innermost places must have the rule on the wall (see 0016-rules-register).
CREATE TABLE safety_rules (
    id               INTEGER PRIMARY KEY,
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    code             TEXT   NOT NULL,
    title            TEXT   NOT NULL,
    area             TEXT   NOT NULL,
    version          BIGINT NOT NULL DEFAULT 1,
    effective_on     TEXT   NOT NULL,
    summary          TEXT   NOT NULL DEFAULT '',
    body             TEXT   NOT NULL DEFAULT '',
    status           TEXT   NOT NULL DEFAULT 'in_force',
    supersedes_id    BIGINT REFERENCES safety_rules(id),
    superseded_on    TEXT   NOT NULL DEFAULT '',
    post_place_types TEXT   NOT NULL DEFAULT '',
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);
CREATE UNIQUE INDEX safety_rules_version ON safety_rules (school_id, code, version);
CREATE UNIQUE INDEX safety_rules_in_force ON safety_rules (school_id, code) WHERE status = 'in_force';

-- Places chosen one by one where a rule version must be posted.
CREATE TABLE safety_rule_places (
    school_id BIGINT NOT NULL REFERENCES schools(id),
    rule_id   BIGINT NOT NULL REFERENCES safety_rules(id),
    place_id  BIGINT NOT NULL REFERENCES places(id),
    PRIMARY KEY (rule_id, place_id)
);

-- Postings seen (or seen missing) on a wall: one row per check, the latest
-- per (rule, place) counts. source: manual | inspection.
CREATE TABLE rule_postings (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT  NOT NULL REFERENCES schools(id),
    rule_id     BIGINT  NOT NULL REFERENCES safety_rules(id),
    place_id    BIGINT  NOT NULL REFERENCES places(id),
    posted      BOOLEAN NOT NULL,
    verified_on TEXT    NOT NULL,
    verified_at BIGINT  NOT NULL,
    actor_id    BIGINT  NOT NULL DEFAULT 0,
    source      TEXT    NOT NULL
);
CREATE INDEX rule_postings_rule_place ON rule_postings (school_id, rule_id, place_id, verified_at);

-- A problem that needs a rule (制度建设问题, PLAN-3).
-- status: proposed | drafting | adopted | dropped; rule_id once adopted.
CREATE TABLE policy_items (
    id                    INTEGER PRIMARY KEY,
    school_id             BIGINT NOT NULL REFERENCES schools(id),
    title                 TEXT   NOT NULL,
    problem               TEXT   NOT NULL DEFAULT '',
    measures              TEXT   NOT NULL DEFAULT '',
    lead_unit_id          BIGINT NOT NULL REFERENCES units(id),
    responsible_person_id BIGINT NOT NULL REFERENCES people(id),
    due_on                TEXT   NOT NULL DEFAULT '',
    status                TEXT   NOT NULL DEFAULT 'proposed',
    rule_id               BIGINT REFERENCES safety_rules(id),
    status_on             TEXT   NOT NULL DEFAULT '',
    created_at            BIGINT NOT NULL,
    updated_at            BIGINT NOT NULL
);
CREATE INDEX policy_items_school ON policy_items (school_id, status);

-- Each status change of a policy item, for its history.
CREATE TABLE policy_item_events (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    item_id     BIGINT NOT NULL REFERENCES policy_items(id),
    at          BIGINT NOT NULL,
    actor_id    BIGINT NOT NULL DEFAULT 0,
    from_status TEXT   NOT NULL,
    to_status   TEXT   NOT NULL,
    note        TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX policy_item_events_item ON policy_item_events (item_id, at);

-- A safety meeting (RUL-3): scheduled_on when planned, held_on once held
-- ('' before). kind: regular | special | leading_group | mobilisation.
CREATE TABLE safety_meetings (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    kind            TEXT   NOT NULL,
    title           TEXT   NOT NULL,
    scheduled_on    TEXT   NOT NULL,
    held_on         TEXT   NOT NULL DEFAULT '',
    location        TEXT   NOT NULL DEFAULT '',
    chair_person_id BIGINT REFERENCES people(id),
    situation       TEXT   NOT NULL DEFAULT '',
    minutes         TEXT   NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX safety_meetings_school ON safety_meetings (school_id, held_on, scheduled_on);

CREATE TABLE safety_meeting_attendees (
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    meeting_id BIGINT NOT NULL REFERENCES safety_meetings(id),
    person_id  BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (meeting_id, person_id)
);

-- A decision of a held meeting; task_id is the work-list task it became.
CREATE TABLE meeting_decisions (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    meeting_id      BIGINT NOT NULL REFERENCES safety_meetings(id),
    text            TEXT   NOT NULL,
    owner_unit_id   BIGINT REFERENCES units(id),
    owner_person_id BIGINT REFERENCES people(id),
    due_on          TEXT   NOT NULL,
    task_id         BIGINT NOT NULL REFERENCES tasks(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (school_id, meeting_id);

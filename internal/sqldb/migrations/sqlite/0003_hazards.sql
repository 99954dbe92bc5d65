-- Hazards (issue 4): the closed loop from report to verified closure,
-- major-hazard governance plans, deadline extensions, escalation, look-back.
-- Instants are Unix milliseconds; dates 'YYYY-MM-DD' in the school's zone.

-- status: reported | confirmed | rejected | assigned | rectifying |
-- submitted | closed (see internal/hazard/transitions.go).
-- source: inspection | report | anonymous. level: general | major.
-- number is readable and unique per school: YYYY-AREA-NNNN.
CREATE TABLE hazards (
    id                    INTEGER PRIMARY KEY,
    school_id             BIGINT  NOT NULL REFERENCES schools(id),
    number                TEXT    NOT NULL,
    source                TEXT    NOT NULL,
    -- reports: the client's generated id, so a retried report is stored once.
    client_id             TEXT,
    finding_id            BIGINT  UNIQUE REFERENCES findings(id),
    inspection_id         BIGINT  REFERENCES inspections(id),
    found_at              BIGINT  NOT NULL,
    found_by_account_id   BIGINT  REFERENCES accounts(id),
    found_by_person_id    BIGINT  REFERENCES people(id),
    reporter_contact      TEXT    NOT NULL DEFAULT '',
    place_id              BIGINT  REFERENCES places(id),
    area                  TEXT    NOT NULL,
    item_code             TEXT    NOT NULL DEFAULT '',
    category              TEXT    NOT NULL DEFAULT '',
    level                 TEXT    NOT NULL DEFAULT 'general',
    description           TEXT    NOT NULL,
    unit_id               BIGINT  REFERENCES units(id),
    responsible_person_id BIGINT  REFERENCES people(id),
    measures              TEXT    NOT NULL DEFAULT '',
    funds_yuan            BIGINT  NOT NULL DEFAULT 0,
    deadline              TEXT    NOT NULL DEFAULT '',
    acceptor_person_id    BIGINT  REFERENCES people(id),
    supervisor_person_id  BIGINT  REFERENCES people(id),
    status                TEXT    NOT NULL DEFAULT 'reported',
    reject_reason         TEXT    NOT NULL DEFAULT '',
    duplicate_of          BIGINT  REFERENCES hazards(id),
    rectified_by_person_id BIGINT REFERENCES people(id),
    result_note           TEXT    NOT NULL DEFAULT '',
    acceptance_result     TEXT    NOT NULL DEFAULT '',
    acceptance_comment    TEXT    NOT NULL DEFAULT '',
    accepted_by_person_id BIGINT  REFERENCES people(id),
    recheck_result        TEXT    NOT NULL DEFAULT '',
    listed                BOOLEAN NOT NULL DEFAULT FALSE,
    overdue               BOOLEAN NOT NULL DEFAULT FALSE,
    overdue_since         BIGINT,
    escalation_step       BIGINT  NOT NULL DEFAULT 0,
    escalated_at          BIGINT,
    closed_at             BIGINT,
    created_at            BIGINT  NOT NULL,
    updated_at            BIGINT  NOT NULL,
    version               BIGINT  NOT NULL DEFAULT 1,
    UNIQUE (school_id, number)
);
-- The filtered list is newest first (ORDER BY id DESC LIMIT 51): every
-- filter has an index that yields its rows already in that order, alone
-- (school_id, X, id) and with a status (school_id, X, status, id), and the
-- unfiltered or several-status list walks (school_id, id). Without them
-- SQLite sorted a whole school's matches (with their joins) for each page:
-- 45-140 ms with 1 M hazards (docs/benchmarks.md "Hazards";
-- internal/hazard TestListQueryPlan). The escalation sweep looks only at
-- open rows whose deadline has passed.
CREATE INDEX hazards_school ON hazards (school_id, id);
CREATE INDEX hazards_status ON hazards (school_id, status, id);
CREATE INDEX hazards_level ON hazards (school_id, level, id);
CREATE INDEX hazards_level_status ON hazards (school_id, level, status, id);
CREATE INDEX hazards_unit ON hazards (school_id, unit_id, id);
CREATE INDEX hazards_unit_status ON hazards (school_id, unit_id, status, id);
CREATE INDEX hazards_overdue ON hazards (school_id, overdue, id);
CREATE INDEX hazards_overdue_status ON hazards (school_id, overdue, status, id);
CREATE INDEX hazards_sweep ON hazards (status, deadline);
CREATE INDEX hazards_found ON hazards (school_id, found_at);
CREATE INDEX hazards_responsible ON hazards (school_id, responsible_person_id, status);
CREATE UNIQUE INDEX hazards_client ON hazards (school_id, client_id);

-- The next serial number per school, year and area.
CREATE TABLE hazard_counters (
    school_id BIGINT NOT NULL REFERENCES schools(id),
    year      BIGINT NOT NULL,
    area      TEXT   NOT NULL,
    last      BIGINT NOT NULL,
    PRIMARY KEY (school_id, year, area)
);

-- The timeline: every step with who, when, what. actor_account_id is NULL
-- for anonymous reports and for the scheduler. data is canonical JSON of
-- the fields the step changed.
CREATE TABLE hazard_events (
    id               INTEGER PRIMARY KEY,
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    hazard_id        BIGINT NOT NULL REFERENCES hazards(id),
    at               BIGINT NOT NULL,
    actor_account_id BIGINT REFERENCES accounts(id),
    actor_name       TEXT   NOT NULL DEFAULT '',
    action           TEXT   NOT NULL,
    from_status      TEXT   NOT NULL,
    to_status        TEXT   NOT NULL,
    note             TEXT   NOT NULL DEFAULT '',
    data             TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX hazard_events_hazard ON hazard_events (hazard_id, id);
CREATE INDEX hazard_events_school ON hazard_events (school_id, at);

-- A major hazard's governance plan (安监总局令第16号 第十五条): six elements.
CREATE TABLE hazard_plans (
    hazard_id        BIGINT PRIMARY KEY REFERENCES hazards(id),
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    goal             TEXT   NOT NULL,
    methods          TEXT   NOT NULL,
    funds_materials  TEXT   NOT NULL,
    organisation     TEXT   NOT NULL,
    time_limit       TEXT   NOT NULL,
    safety_emergency TEXT   NOT NULL,
    updated_by       BIGINT NOT NULL REFERENCES accounts(id),
    updated_at       BIGINT NOT NULL
);

-- Listed supervision (挂牌督办) of a major hazard: one row per listing.
CREATE TABLE hazard_listings (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    hazard_id   BIGINT NOT NULL REFERENCES hazards(id),
    listed_at   BIGINT NOT NULL,
    listed_by   BIGINT NOT NULL REFERENCES accounts(id),
    note        TEXT   NOT NULL DEFAULT '',
    delisted_at BIGINT,
    delisted_by BIGINT REFERENCES accounts(id)
);
CREATE INDEX hazard_listings_hazard ON hazard_listings (hazard_id, id);
CREATE INDEX hazard_listings_school ON hazard_listings (school_id, listed_at);

-- Deadline extensions. status: pending | approved | refused.
CREATE TABLE hazard_extensions (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    hazard_id     BIGINT NOT NULL REFERENCES hazards(id),
    requested_by  BIGINT NOT NULL REFERENCES accounts(id),
    requested_at  BIGINT NOT NULL,
    old_deadline  TEXT   NOT NULL,
    new_deadline  TEXT   NOT NULL,
    reason        TEXT   NOT NULL,
    status        TEXT   NOT NULL DEFAULT 'pending',
    decided_by    BIGINT REFERENCES accounts(id),
    decided_at    BIGINT,
    decision_note TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX hazard_extensions_hazard ON hazard_extensions (hazard_id, status);

-- A school's hazard settings: the longest extension the office allows and
-- the escalation ladder's delays (hours after the previous step).
CREATE TABLE hazard_settings (
    school_id            BIGINT PRIMARY KEY REFERENCES schools(id),
    max_extension_days   BIGINT NOT NULL DEFAULT 30,
    escalate_unit_head_h BIGINT NOT NULL DEFAULT 24,
    escalate_leader_h    BIGINT NOT NULL DEFAULT 48,
    escalate_office_h    BIGINT NOT NULL DEFAULT 72,
    updated_at           BIGINT NOT NULL
);

-- Look-back (回头看): a reproducible random draw of closed hazards and the
-- re-check task of each. result: pending | passed | failed.
CREATE TABLE lookback_draws (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    seed        BIGINT NOT NULL,
    filter      TEXT   NOT NULL,
    population  BIGINT NOT NULL,
    drawn       BIGINT NOT NULL,
    due_on      TEXT   NOT NULL,
    created_by  BIGINT NOT NULL REFERENCES accounts(id),
    created_at  BIGINT NOT NULL
);
CREATE TABLE lookback_checks (
    id                  INTEGER PRIMARY KEY,
    school_id           BIGINT NOT NULL REFERENCES schools(id),
    draw_id             BIGINT NOT NULL REFERENCES lookback_draws(id),
    hazard_id           BIGINT NOT NULL REFERENCES hazards(id),
    inspector_person_id BIGINT NOT NULL REFERENCES people(id),
    result              TEXT   NOT NULL DEFAULT 'pending',
    note                TEXT   NOT NULL DEFAULT '',
    checked_at          BIGINT,
    checked_by          BIGINT REFERENCES accounts(id),
    UNIQUE (draw_id, hazard_id)
);
CREATE INDEX lookback_checks_inspector ON lookback_checks (school_id, inspector_person_id, result);

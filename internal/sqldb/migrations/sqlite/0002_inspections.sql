-- Inspections (issue 3): the check-item library, item sets, plans and the
-- periods they owe, inspections with answers and findings, photos, QR check
-- points and patrols. Instants are Unix milliseconds; dates 'YYYY-MM-DD';
-- periods are keys like '2026-03', '2026-Q1', '2026-H1', '2026-03-02'.

-- The library. school_id NULL: built in (the notice's catalogue). A school's
-- own item, or its edited copy of a built-in one (replaces_id), carries its
-- school. Editing creates a new version row; old rows stay for history.
CREATE TABLE check_items (
    id                     INTEGER PRIMARY KEY,
    school_id              BIGINT REFERENCES schools(id),
    code                   TEXT    NOT NULL,
    area                   TEXT    NOT NULL,
    title                  TEXT    NOT NULL,
    place_types            TEXT    NOT NULL DEFAULT '',
    photo_required_on_fail BOOLEAN NOT NULL DEFAULT FALSE,
    default_level          TEXT    NOT NULL DEFAULT 'general',
    version                BIGINT  NOT NULL DEFAULT 1,
    replaces_id            BIGINT  REFERENCES check_items(id),
    current                BOOLEAN NOT NULL DEFAULT TRUE,
    created_at             BIGINT  NOT NULL
);
CREATE INDEX check_items_school ON check_items (school_id, code);

CREATE TABLE check_questions (
    id        INTEGER PRIMARY KEY,
    item_id   BIGINT NOT NULL REFERENCES check_items(id),
    code      TEXT   NOT NULL,
    text      TEXT   NOT NULL,
    sort_order BIGINT NOT NULL DEFAULT 0,
    UNIQUE (item_id, code)
);

-- A school switches a built-in item off (or on again) for itself.
CREATE TABLE check_item_settings (
    school_id BIGINT  NOT NULL REFERENCES schools(id),
    code      TEXT    NOT NULL,
    disabled  BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_id, code)
);

CREATE TABLE item_sets (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT  NOT NULL REFERENCES schools(id),
    name        TEXT    NOT NULL,
    description TEXT    NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (school_id, name)
);

-- Members of a set by item code: a set follows the current version of each item.
CREATE TABLE item_set_items (
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    set_id     BIGINT NOT NULL REFERENCES item_sets(id),
    code       TEXT   NOT NULL,
    sort_order BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (set_id, code)
);

-- Plans. rule: '' for a custom plan; 'rhythm_principal', 'rhythm_supervisor',
-- 'rhythm_unit' for the built-in RUL-4 rhythm. recurrence: daily | weekly |
-- monthly | quarterly | half_year | every_n_days.
CREATE TABLE inspection_plans (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT  NOT NULL REFERENCES schools(id),
    name            TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    rule            TEXT    NOT NULL DEFAULT '',
    recurrence      TEXT    NOT NULL,
    every_n         BIGINT  NOT NULL DEFAULT 1,
    start_date      TEXT    NOT NULL,
    item_set_id     BIGINT  REFERENCES item_sets(id),
    grid_id         BIGINT  REFERENCES grids(id),
    assignee_person_id BIGINT REFERENCES people(id),
    assignee_unit_id   BIGINT REFERENCES units(id),
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      BIGINT  NOT NULL
);
CREATE UNIQUE INDEX inspection_plans_rule ON inspection_plans (school_id, rule) WHERE rule <> '';

CREATE TABLE plan_places (
    school_id BIGINT NOT NULL REFERENCES schools(id),
    plan_id   BIGINT NOT NULL REFERENCES inspection_plans(id),
    place_id  BIGINT NOT NULL REFERENCES places(id),
    PRIMARY KEY (plan_id, place_id)
);

-- What is owed for a period: one row per plan, period and owner. The unique
-- key makes generation idempotent. status: open | done | late | missed.
CREATE TABLE due_inspections (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    plan_id         BIGINT NOT NULL REFERENCES inspection_plans(id),
    period          TEXT   NOT NULL,
    owner_person_id BIGINT NOT NULL DEFAULT 0,
    owner_unit_id   BIGINT NOT NULL DEFAULT 0,
    place_id        BIGINT NOT NULL DEFAULT 0,
    starts_on       TEXT   NOT NULL,
    due_on          TEXT   NOT NULL,
    status          TEXT   NOT NULL DEFAULT 'open',
    inspection_id   BIGINT,
    created_at      BIGINT NOT NULL,
    UNIQUE (plan_id, period, owner_person_id, owner_unit_id, place_id)
);
CREATE INDEX due_inspections_school ON due_inspections (school_id, period, status);
CREATE INDEX due_inspections_owner ON due_inspections (school_id, owner_person_id, status);

-- kind: leader | unit_monthly | grid_patrol | special | open_visit |
-- unannounced | random | look_back. status: draft | submitted.
-- client_id makes submission idempotent (a retry finds the stored row).
CREATE TABLE inspections (
    id                  INTEGER PRIMARY KEY,
    school_id           BIGINT  NOT NULL REFERENCES schools(id),
    client_id           TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    status              TEXT    NOT NULL DEFAULT 'draft',
    plan_id             BIGINT  REFERENCES inspection_plans(id),
    due_id              BIGINT  REFERENCES due_inspections(id),
    place_id            BIGINT  REFERENCES places(id),
    unit_id             BIGINT  REFERENCES units(id),
    item_set_id         BIGINT  REFERENCES item_sets(id),
    inspector_person_id BIGINT  REFERENCES people(id),
    inspector_account_id BIGINT NOT NULL REFERENCES accounts(id),
    started_at          BIGINT  NOT NULL,
    submitted_at        BIGINT,
    period              TEXT    NOT NULL DEFAULT '',
    late                BOOLEAN NOT NULL DEFAULT FALSE,
    result              TEXT    NOT NULL DEFAULT '',
    failed_count        BIGINT  NOT NULL DEFAULT 0,
    answer_count        BIGINT  NOT NULL DEFAULT 0,
    note                TEXT    NOT NULL DEFAULT '',
    signature           TEXT    NOT NULL DEFAULT '',
    -- A draft keeps what the phone had (answers, photo ids, co-inspectors)
    -- as JSON here, so half-done work never shows up among the answers the
    -- ledger counts; submission writes the real rows and clears it.
    draft               TEXT    NOT NULL DEFAULT '',
    UNIQUE (school_id, client_id)
);
CREATE INDEX inspections_ledger ON inspections (school_id, status, submitted_at, id);
CREATE INDEX inspections_inspector ON inspections (school_id, inspector_person_id, submitted_at);
CREATE INDEX inspections_unit ON inspections (school_id, unit_id, submitted_at);

CREATE TABLE inspection_coinspectors (
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    person_id     BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (inspection_id, person_id)
);
-- The ledger's inspector filter and "inspections I took part in" look
-- co-inspections up by person.
CREATE INDEX inspection_coinspectors_person ON inspection_coinspectors (school_id, person_id);

-- Answers keep the item's code, area and the question text as they were
-- when answered. result: pass | fail | na.
CREATE TABLE inspection_answers (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    item_id       BIGINT NOT NULL REFERENCES check_items(id),
    item_code     TEXT   NOT NULL,
    area          TEXT   NOT NULL,
    question_code TEXT   NOT NULL,
    question_text TEXT   NOT NULL,
    result        TEXT   NOT NULL,
    note          TEXT   NOT NULL DEFAULT '',
    UNIQUE (inspection_id, question_code)
);
CREATE INDEX inspection_answers_fail ON inspection_answers (school_id, result, inspection_id);

-- A failed answer becomes a finding; hazard_id links it once hazards exist.
CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT NOT NULL REFERENCES schools(id),
    inspection_id BIGINT NOT NULL REFERENCES inspections(id),
    answer_id     BIGINT NOT NULL REFERENCES inspection_answers(id),
    item_code     TEXT   NOT NULL,
    area          TEXT   NOT NULL,
    place_id      BIGINT REFERENCES places(id),
    unit_id       BIGINT REFERENCES units(id),
    level         TEXT   NOT NULL DEFAULT 'general',
    note          TEXT   NOT NULL DEFAULT '',
    hazard_id     BIGINT,
    created_at    BIGINT NOT NULL,
    UNIQUE (answer_id)
);
CREATE INDEX findings_school ON findings (school_id, created_at);

-- Photos live on disk under server-made names; the row says who owns them.
-- owner_kind: answer | patrol | … ; permission comes from the owner record.
CREATE TABLE photos (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    owner_kind  TEXT   NOT NULL,
    owner_id    BIGINT NOT NULL,
    file_name   TEXT   NOT NULL UNIQUE,
    sha256      TEXT   NOT NULL,
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    bytes       BIGINT NOT NULL,
    uploaded_by BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX photos_owner ON photos (school_id, owner_kind, owner_id);

CREATE TABLE check_points (
    id        INTEGER PRIMARY KEY,
    school_id BIGINT  NOT NULL REFERENCES schools(id),
    place_id  BIGINT  NOT NULL UNIQUE REFERENCES places(id),
    token     TEXT    NOT NULL UNIQUE,
    active    BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE patrols (
    id             INTEGER PRIMARY KEY,
    school_id      BIGINT NOT NULL REFERENCES schools(id),
    client_id      TEXT   NOT NULL,
    place_id       BIGINT NOT NULL REFERENCES places(id),
    person_id      BIGINT REFERENCES people(id),
    account_id     BIGINT NOT NULL REFERENCES accounts(id),
    at             BIGINT NOT NULL,
    day            TEXT   NOT NULL,
    note           TEXT   NOT NULL DEFAULT '',
    inspection_id  BIGINT REFERENCES inspections(id),
    UNIQUE (school_id, client_id)
);
CREATE INDEX patrols_day ON patrols (school_id, day, place_id);

-- Patrol coverage targets per place type (GB/T 29315-2022: key areas at
-- least 5 times a day); a school sets its own.
CREATE TABLE patrol_targets (
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    place_type TEXT   NOT NULL,
    per_day    BIGINT NOT NULL,
    PRIMARY KEY (school_id, place_type)
);

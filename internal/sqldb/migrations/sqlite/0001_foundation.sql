-- Foundation schema: tenancy (schools, authorities), organisation, accounts,
-- sessions and the hash-chained audit log. Instants are BIGINT Unix
-- milliseconds (UTC); calendar dates are TEXT 'YYYY-MM-DD'. Every table of
-- school data carries school_id.

CREATE TABLE schools (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    timezone    TEXT    NOT NULL DEFAULT 'Asia/Shanghai',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE authorities (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  BIGINT  NOT NULL
);

CREATE TABLE authority_schools (
    authority_id BIGINT NOT NULL REFERENCES authorities(id),
    school_id    BIGINT NOT NULL REFERENCES schools(id),
    PRIMARY KEY (authority_id, school_id)
);

CREATE TABLE campuses (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT  NOT NULL REFERENCES schools(id),
    name        TEXT    NOT NULL,
    address     TEXT    NOT NULL DEFAULT '',
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (school_id, name)
);

CREATE TABLE units (
    id             INTEGER PRIMARY KEY,
    school_id      BIGINT  NOT NULL REFERENCES schools(id),
    parent_id      BIGINT  REFERENCES units(id),
    campus_id      BIGINT  REFERENCES campuses(id),
    name           TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    code           TEXT    NOT NULL DEFAULT '',
    head_person_id BIGINT  REFERENCES people(id),
    sort_order     BIGINT  NOT NULL DEFAULT 0,
    active         BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX units_school ON units (school_id, parent_id);

CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    school_id     BIGINT  NOT NULL REFERENCES schools(id),
    unit_id       BIGINT  REFERENCES units(id),
    staff_no      TEXT    NOT NULL DEFAULT '',
    name          TEXT    NOT NULL,
    post          TEXT    NOT NULL DEFAULT '',
    phone         TEXT    NOT NULL DEFAULT '',
    hire_date     TEXT    NOT NULL DEFAULT '',
    birth_date    TEXT    NOT NULL DEFAULT '',
    special_posts TEXT    NOT NULL DEFAULT '',
    active        BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX people_school_unit ON people (school_id, unit_id);
CREATE UNIQUE INDEX people_staff_no ON people (school_id, staff_no) WHERE staff_no <> '';

CREATE TABLE accounts (
    id                   INTEGER PRIMARY KEY,
    username             TEXT    NOT NULL UNIQUE,
    display_name         TEXT    NOT NULL,
    password_hash        TEXT    NOT NULL,
    school_id            BIGINT  REFERENCES schools(id),
    person_id            BIGINT  REFERENCES people(id),
    disabled             BOOLEAN NOT NULL DEFAULT FALSE,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    created_at           BIGINT  NOT NULL,
    password_changed_at  BIGINT  NOT NULL
);
CREATE INDEX accounts_school ON accounts (school_id);

-- A role held at a scope. scope_kind: system | school | campus | unit | grid | authority.
-- scope_id is the campus, unit, grid or authority id (0 for system and school).
CREATE TABLE role_grants (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES accounts(id),
    role        TEXT   NOT NULL,
    school_id   BIGINT NOT NULL DEFAULT 0,
    scope_kind  TEXT   NOT NULL,
    scope_id    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (account_id, role, school_id, scope_kind, scope_id)
);

CREATE TABLE sessions (
    token_hash   TEXT   PRIMARY KEY,
    account_id   BIGINT NOT NULL REFERENCES accounts(id),
    csrf_token   TEXT   NOT NULL,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    client_ip    TEXT   NOT NULL DEFAULT '',
    user_agent   TEXT   NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE leading_groups (
    id                        INTEGER PRIMARY KEY,
    school_id                 BIGINT NOT NULL REFERENCES schools(id),
    name                      TEXT   NOT NULL,
    office_unit_id            BIGINT REFERENCES units(id),
    office_director_person_id BIGINT REFERENCES people(id),
    office_location           TEXT   NOT NULL DEFAULT '',
    active                    BOOLEAN NOT NULL DEFAULT TRUE
);

-- position: leader (组长) | deputy (副组长) | member (成员)
CREATE TABLE leading_group_members (
    id         INTEGER PRIMARY KEY,
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    group_id   BIGINT NOT NULL REFERENCES leading_groups(id),
    person_id  BIGINT NOT NULL REFERENCES people(id),
    position   TEXT   NOT NULL,
    duty       TEXT   NOT NULL DEFAULT '',
    sort_order BIGINT NOT NULL DEFAULT 0,
    UNIQUE (group_id, person_id)
);

-- ORG-4: a supervising leader linked to a unit they supervise (联系点).
CREATE TABLE contact_points (
    id               INTEGER PRIMARY KEY,
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    leader_person_id BIGINT NOT NULL REFERENCES people(id),
    unit_id          BIGINT NOT NULL REFERENCES units(id),
    UNIQUE (leader_person_id, unit_id)
);
CREATE INDEX contact_points_school ON contact_points (school_id);

-- Places: building > floor > room/area. responsible_person_id is the area
-- safety responsible person (区域安全责任人, ORG-5).
CREATE TABLE places (
    id                    INTEGER PRIMARY KEY,
    school_id             BIGINT NOT NULL REFERENCES schools(id),
    campus_id             BIGINT REFERENCES campuses(id),
    parent_id             BIGINT REFERENCES places(id),
    name                  TEXT   NOT NULL,
    level                 TEXT   NOT NULL,
    place_type            TEXT   NOT NULL,
    unit_id               BIGINT REFERENCES units(id),
    responsible_person_id BIGINT REFERENCES people(id),
    code                  TEXT   NOT NULL DEFAULT '',
    active                BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX places_school ON places (school_id, parent_id);

CREATE TABLE grids (
    id               INTEGER PRIMARY KEY,
    school_id        BIGINT NOT NULL REFERENCES schools(id),
    parent_id        BIGINT REFERENCES grids(id),
    name             TEXT   NOT NULL,
    leader_person_id BIGINT REFERENCES people(id),
    description      TEXT   NOT NULL DEFAULT '',
    active           BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX grids_school ON grids (school_id, parent_id);

CREATE TABLE grid_members (
    school_id BIGINT NOT NULL REFERENCES schools(id),
    grid_id   BIGINT NOT NULL REFERENCES grids(id),
    person_id BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (grid_id, person_id)
);

CREATE TABLE grid_places (
    school_id BIGINT NOT NULL REFERENCES schools(id),
    grid_id   BIGINT NOT NULL REFERENCES grids(id),
    place_id  BIGINT NOT NULL REFERENCES places(id),
    PRIMARY KEY (grid_id, place_id)
);

-- The audit log: one hash chain per school (school_id 0 is the system
-- chain). No code path updates or deletes a row of it.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    school_id   BIGINT NOT NULL,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    actor_id    BIGINT NOT NULL,
    action      TEXT   NOT NULL,
    entity      TEXT   NOT NULL,
    entity_id   BIGINT NOT NULL,
    before_data TEXT   NOT NULL,
    after_data  TEXT   NOT NULL,
    prev_hash   TEXT   NOT NULL,
    hash        TEXT   NOT NULL,
    UNIQUE (school_id, seq)
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);

CREATE TABLE audit_heads (
    school_id BIGINT PRIMARY KEY,
    seq       BIGINT NOT NULL,
    hash      TEXT   NOT NULL
);

-- Dashboards (issue 5 §4): each school's figures for a span, computed
-- once and reused until the school's data changes (docs/decisions/0024).
-- A row is valid while the school's audit-chain head is still head_seq
-- (every data change appends an audit entry in its own transaction), the
-- school's date is still day (overdue and missed depend on today) and it
-- is younger than the service's maximum age. summary is the compact row
-- of the authority dashboard, payload the whole leaders' dashboard; both
-- are JSON. A derived cache, not school data: no audit entry is written.
CREATE TABLE school_figures (
    school_id   BIGINT NOT NULL REFERENCES schools(id),
    span_key    TEXT   NOT NULL,
    day         TEXT   NOT NULL,
    head_seq    BIGINT NOT NULL,
    computed_at BIGINT NOT NULL,
    summary     TEXT   NOT NULL,
    payload     TEXT   NOT NULL,
    PRIMARY KEY (school_id, span_key)
);

-- The figures' backlog at a past cut-off and the weekly "closed" trend
-- read hazards by closing instant.
CREATE INDEX hazards_closed ON hazards (school_id, closed_at);

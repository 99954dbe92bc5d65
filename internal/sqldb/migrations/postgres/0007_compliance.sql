-- Compliance engine (issue 5 §3): the parameters a school sets for the
-- measurable rules of the notice. A missing row means the rule's default
-- (internal/compliance/rules.go); the rules themselves are code.

-- One parameter value of one rule for one school. Shares are whole
-- percent 0..100; counts, minutes and days are whole numbers.
CREATE TABLE compliance_params (
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    rule       TEXT   NOT NULL,
    param      TEXT   NOT NULL,
    value      BIGINT NOT NULL,
    updated_by BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (school_id, rule, param)
);

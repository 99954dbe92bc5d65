-- Reports to the authority (issue 5 §5, PLAN-5). One row per generated
-- output: who made it and when, the format, the audit-chain head the
-- report states (so `safecampus audit verify --head` can be run against
-- it later), and the sha256 and size of the bytes handed out.
-- generated_by is an account id, 0 for the command line or the system.
-- format: html | pdf | docx | xlsx.
CREATE TABLE reports (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT  NOT NULL REFERENCES schools(id),
    campaign_id     BIGINT  NOT NULL REFERENCES campaigns(id),
    generated_at    BIGINT  NOT NULL,
    generated_by    BIGINT  NOT NULL DEFAULT 0,
    format          TEXT    NOT NULL,
    audit_head_hash TEXT    NOT NULL,
    audit_head_seq  BIGINT  NOT NULL,
    sha256          TEXT    NOT NULL,
    bytes           BIGINT  NOT NULL
);
CREATE INDEX reports_campaign ON reports (school_id, campaign_id, generated_at);

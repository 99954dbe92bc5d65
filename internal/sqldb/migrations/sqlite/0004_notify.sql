-- Notifications (issue 4, section 9): one message per business event
-- (deduplicated per school), an in-app inbox row per recipient account, the
-- school's outbound channels and a persistent outbox of deliveries.
-- Instants are Unix milliseconds; 0 means "not yet".

-- One row per event. UNIQUE (school_id, dedup_key) makes a repeated
-- scheduler run or a retried request enqueue nothing new.
CREATE TABLE notify_messages (
    id         INTEGER PRIMARY KEY,
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    dedup_key  TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    title      TEXT   NOT NULL,
    body       TEXT   NOT NULL DEFAULT '',
    link       TEXT   NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (school_id, dedup_key)
);

-- The in-app inbox. read_at 0: unread; the index serves the list (newest
-- first) and the unread count of the header.
CREATE TABLE notify_inbox (
    id         INTEGER PRIMARY KEY,
    school_id  BIGINT NOT NULL REFERENCES schools(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    message_id BIGINT NOT NULL REFERENCES notify_messages(id),
    created_at BIGINT NOT NULL,
    read_at    BIGINT NOT NULL DEFAULT 0,
    UNIQUE (account_id, message_id)
);
CREATE INDEX notify_inbox_account ON notify_inbox (account_id, read_at, id);

-- Outbound channels of a school. kind: wecom | dingtalk | smtp. config is
-- JSON with the credentials (robot key, access token and SEC secret, SMTP
-- login); see docs/decisions/0013-notifications.md for how it is kept.
-- note: the last problem a vendor reported (e.g. why it was switched off).
CREATE TABLE notify_channels (
    id         INTEGER PRIMARY KEY,
    school_id  BIGINT  NOT NULL REFERENCES schools(id),
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    config     TEXT    NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    note       TEXT    NOT NULL DEFAULT '',
    created_at BIGINT  NOT NULL,
    updated_at BIGINT  NOT NULL,
    UNIQUE (school_id, name)
);

-- One delivery of one message over one channel. status: pending | sending
-- | sent | dead. A claim sets status 'sending', adds one to attempts (the
-- claim's fencing token) and moves next_attempt_at to the end of the lease,
-- so a claim whose sender died (a restart mid-send) is due again when its
-- lease ends. The one index serves both cases.
CREATE TABLE notify_outbox (
    id              INTEGER PRIMARY KEY,
    school_id       BIGINT NOT NULL REFERENCES schools(id),
    message_id      BIGINT NOT NULL REFERENCES notify_messages(id),
    channel_id      BIGINT NOT NULL REFERENCES notify_channels(id),
    status          TEXT   NOT NULL DEFAULT 'pending',
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    last_error      TEXT   NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT NOT NULL DEFAULT 0,
    UNIQUE (message_id, channel_id)
);
CREATE INDEX notify_outbox_due ON notify_outbox (status, next_attempt_at);
CREATE INDEX notify_outbox_school ON notify_outbox (school_id, id);

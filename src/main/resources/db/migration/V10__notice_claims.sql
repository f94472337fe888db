-- Notices are claimed before they are sent. A run inserts (notice, recipient) as SENDING in a transaction of its
-- own, sends, then marks the row SENT; the primary key stops a twin run (the engine runs a job again once its lock
-- has run out) from claiming the same notice, so nobody is mailed twice. A SENDING row older than the expiry is
-- left by a run whose node died and may be claimed again. claimed_at_ms is epoch milliseconds, so that nodes in
-- different time zones compare the same instants.
CREATE TABLE mf_notice_claim (
    notice_key    VARCHAR(200) NOT NULL,
    recipient     VARCHAR(320) NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    claimed_by    VARCHAR(200) NOT NULL,
    claimed_at_ms BIGINT       NOT NULL,
    sent_at       TIMESTAMP,
    CONSTRAINT pk_mf_notice_claim PRIMARY KEY (notice_key, recipient),
    CONSTRAINT ck_mf_notice_claim_status CHECK (status IN ('SENDING', 'SENT'))
);

-- Notices sent before claims existed stay sent. mf_notice_sent is no longer written; it is kept (not dropped) while
-- work in other branches still refers to it.
INSERT INTO mf_notice_claim (notice_key, recipient, status, claimed_by, claimed_at_ms, sent_at)
SELECT notice_key, recipient, 'SENT', 'before claims (V10)', 0, sent_at FROM mf_notice_sent;

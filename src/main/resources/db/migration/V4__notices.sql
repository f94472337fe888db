-- Who has been sent which notice: a retried job sends only to the recipients still missing.
CREATE TABLE mf_notice_sent (
    notice_key  VARCHAR(200) NOT NULL,
    recipient   VARCHAR(320) NOT NULL,
    sent_at     TIMESTAMP    NOT NULL,
    PRIMARY KEY (notice_key, recipient)
);

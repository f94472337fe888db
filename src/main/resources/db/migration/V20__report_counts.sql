-- What "Review the initial sync" counted, mailbox by mailbox: the live message counts of every folder pair on both
-- servers, taken a group of mailboxes per job (a batch of 2,000 takes minutes of IMAP round trips, far longer than
-- one job may run), or in error why its servers could not be counted. The review form and
-- /api/batches/{id}/report are written from these rows. A retried group replaces its own mailboxes' rows in its
-- job's transaction, so nothing is counted twice or half.
CREATE TABLE mf_report_mailbox (
    mailbox_id BIGINT    NOT NULL REFERENCES mf_batch_mailbox (id),
    counted_at TIMESTAMP NOT NULL,
    error      VARCHAR(2000),
    CONSTRAINT pk_mf_report_mailbox PRIMARY KEY (mailbox_id)
);

CREATE TABLE mf_report_folder (
    mailbox_id      BIGINT        NOT NULL REFERENCES mf_report_mailbox (mailbox_id) ON DELETE CASCADE,
    position        INT           NOT NULL,
    source_folder   VARCHAR(1000) NOT NULL,
    target_folder   VARCHAR(1000) NOT NULL,
    source_messages INT           NOT NULL,
    target_messages INT           NOT NULL,
    CONSTRAINT pk_mf_report_folder PRIMARY KEY (mailbox_id, position)
);

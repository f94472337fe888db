-- What the source folder looked like (STATUS) when it was last completely in sync, so that a delta pass over an
-- unchanged folder costs one STATUS and nothing else. highest_modseq is null where the server lacks CONDSTORE; such
-- a folder is always opened to compare flags.
ALTER TABLE mf_sync_folder ADD COLUMN synced_uidnext BIGINT;
ALTER TABLE mf_sync_folder ADD COLUMN synced_messages BIGINT;
ALTER TABLE mf_sync_folder ADD COLUMN synced_highest_modseq BIGINT;

-- Statistics per mailbox and pass (like Exchange's Get-MigrationUserStatistics), summed over the pass's slices.
CREATE TABLE mf_sync_pass (
    mailbox_id      BIGINT        NOT NULL REFERENCES mf_batch_mailbox (id) ON DELETE CASCADE,
    pass            VARCHAR(16)   NOT NULL,
    started_at      TIMESTAMP     NOT NULL,
    finished_at     TIMESTAMP,
    slices          INT           DEFAULT 0 NOT NULL,
    duration_ms     BIGINT        DEFAULT 0 NOT NULL,
    copied          INT           DEFAULT 0 NOT NULL,
    flags_updated   INT           DEFAULT 0 NOT NULL,
    skipped         INT           DEFAULT 0 NOT NULL,
    bytes           BIGINT        DEFAULT 0 NOT NULL,
    errors          INT           DEFAULT 0 NOT NULL,
    last_error      VARCHAR(2000),
    PRIMARY KEY (mailbox_id, pass)
);

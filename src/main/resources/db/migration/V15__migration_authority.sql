-- What a migration may act on, kept by Mailferry and not in process variables (which a task completion or a REST
-- client can set): one row per migration, keyed by its root process instance (CutoverMigration or StagedMigration),
-- written when it starts (the validated domain) and by the steps that validate the rest (the source server the
-- operator confirmed and Mailferry tested, the migration endpoint it created, the mailbox list it checked).
-- The steps read these instead of the variables of the same name.
CREATE TABLE mf_migration (
    process_instance_id VARCHAR(64)  NOT NULL PRIMARY KEY,
    domain              VARCHAR(253) NOT NULL,
    source_host         VARCHAR(255),
    source_port         INT,
    source_security     VARCHAR(16),
    source_endpoint_id  BIGINT REFERENCES mf_migration_endpoint (id),
    mailbox_list_id     BIGINT,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The migration that created each batch; a step acts on a batch, or on one of its mailboxes, only for it.
-- Batches from before this version have none and are refused by every step (they belong to no known migration).
ALTER TABLE mf_batch ADD COLUMN migration_id VARCHAR(64);
CREATE INDEX ix_mf_batch_migration ON mf_batch (migration_id);

-- Leases that hold across nodes. Times with a zone, so that nodes in different time zones (or a JVM whose default
-- zone changed) compare the same instants; an owner, so that a slice renews only its own lease and can tell when it
-- lost it; and the endpoint slots that cap mailboxes per endpoint for the whole cluster, not per JVM.
ALTER TABLE mf_batch_mailbox ALTER COLUMN sync_lease_until SET DATA TYPE TIMESTAMP WITH TIME ZONE;
ALTER TABLE mf_batch_mailbox ADD COLUMN sync_lease_owner VARCHAR(64);

-- One row per turn on an endpoint (mailferry.sync.max-mailboxes-per-endpoint rows, created when first needed).
-- A slice holds a row until it releases it or the lease runs out (a node that died).
CREATE TABLE mf_endpoint_slot (
    endpoint_id BIGINT      NOT NULL REFERENCES mf_migration_endpoint (id),
    slot        INT         NOT NULL,
    holder      VARCHAR(64),
    held_until  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_mf_endpoint_slot PRIMARY KEY (endpoint_id, slot)
);
CREATE INDEX ix_mf_endpoint_slot_holder ON mf_endpoint_slot (holder);

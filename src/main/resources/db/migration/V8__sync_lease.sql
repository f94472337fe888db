-- Until when a sync slice holds a mailbox. A job whose lock ran out is started again by the engine while the first
-- run may still be copying; the lease keeps the second run out, so two runs never append the same messages.
ALTER TABLE mf_batch_mailbox ADD COLUMN sync_lease_until TIMESTAMP;

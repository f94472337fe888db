-- The final-sync request, copied onto each mailbox of the batch. A sync slice reads it from its own mailbox row,
-- which it already holds until its job commits; before, every slice of a batch locked the shared mf_batch row
-- (SELECT ... FOR UPDATE) while holding its own rows, and on PostgreSQL slices of one batch deadlocked on it.
ALTER TABLE mf_batch_mailbox ADD COLUMN final_sync_requested BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE mf_batch_mailbox SET final_sync_requested = TRUE
 WHERE batch_id IN (SELECT id FROM mf_batch WHERE final_sync_requested = TRUE);

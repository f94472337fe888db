-- Staged task 8: the address in the tenant's initial domain that each converted mailbox's user forwards to, as
-- Microsoft 365 reported it (the user's ...onmicrosoft.com proxy address). Kept per mailbox so that two mailboxes of
-- one migration that reach the same cloud mailbox are found before either is converted.
ALTER TABLE mf_batch_mailbox ADD COLUMN cloud_address VARCHAR(320);
CREATE INDEX ix_mf_batch_mailbox_cloud_address ON mf_batch_mailbox (cloud_address);

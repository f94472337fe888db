-- A change's records before it are committed, on their own, before its RFC 2136 update is sent (state PENDING, with
-- new_records holding the records it is about to set); the entry becomes APPLIED (new_records then as the server
-- serves them) once the server accepted the update, or FAILED when it refused it. An entry still PENDING means the
-- outcome is not known: the node died in between, or no trustworthy reply came; failure then says why, if known.
-- A rollback is a change of its own that names the change it undoes (rollback_of). Who made a change: the migration
-- (business key), the process instance and its step (BPMN element id), or the command line.
ALTER TABLE mf_dns_change ADD COLUMN state VARCHAR(16) DEFAULT 'APPLIED' NOT NULL;
ALTER TABLE mf_dns_change ADD CONSTRAINT mf_dns_change_state CHECK (state IN ('PENDING', 'APPLIED', 'FAILED'));
ALTER TABLE mf_dns_change ADD COLUMN recorded_at TIMESTAMP;
UPDATE mf_dns_change SET recorded_at = applied_at;
ALTER TABLE mf_dns_change ALTER COLUMN recorded_at SET NOT NULL;
ALTER TABLE mf_dns_change ALTER COLUMN applied_at DROP NOT NULL;
ALTER TABLE mf_dns_change ADD COLUMN failure VARCHAR(2000);
ALTER TABLE mf_dns_change ADD COLUMN migration VARCHAR(255);
ALTER TABLE mf_dns_change ADD COLUMN process_instance_id VARCHAR(64);
ALTER TABLE mf_dns_change ADD COLUMN step VARCHAR(255);
ALTER TABLE mf_dns_change ADD COLUMN rollback_of BIGINT;
ALTER TABLE mf_dns_change ADD CONSTRAINT mf_dns_change_rollback_of FOREIGN KEY (rollback_of) REFERENCES mf_dns_change (id);
CREATE INDEX mf_dns_change_process ON mf_dns_change (process_instance_id);
CREATE INDEX mf_dns_change_rollback ON mf_dns_change (rollback_of);

-- Each secret is bound to what it is for, and records who stored it (issue 10, "secrets bound to their purpose").
-- purpose: imap:host[:port], tsig:key-name, directory:host or tenant:domain (io.mailferry.secrets.Purpose); the
-- secret is revealed for that use only. NULL for rows stored before this column: those are revealed for nothing
-- until bound, here below or by the configuration that names them.
-- stored_by: the signed-in user who stored it, or 'configuration' for passwords from application configuration.
ALTER TABLE mf_secret ADD COLUMN purpose VARCHAR(300);
ALTER TABLE mf_secret ADD COLUMN stored_by VARCHAR(200);

-- A secret that endpoints already use is bound to their server, when they all agree on one host and port; a
-- reference used for two different servers (the misuse this column stops) stays unbound.
UPDATE mf_secret
SET purpose = 'imap:' || (
        SELECT MIN(LOWER(e.host) || ':' || CAST(e.port AS VARCHAR(5)))
        FROM mf_migration_endpoint e
        WHERE e.credential_ref = mf_secret.id)
WHERE purpose IS NULL
  AND (SELECT COUNT(DISTINCT LOWER(e.host) || ':' || CAST(e.port AS VARCHAR(5)))
       FROM mf_migration_endpoint e
       WHERE e.credential_ref = mf_secret.id) = 1;

-- Mailbox list passwords were stored but no step ever used them: they go, and so does the column that named them.
DELETE FROM mf_secret
WHERE id IN (SELECT password_ref FROM mf_mailbox_list_entry WHERE password_ref IS NOT NULL);
ALTER TABLE mf_mailbox_list_entry DROP COLUMN password_ref;

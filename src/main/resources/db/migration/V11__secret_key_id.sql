-- The id of the master key each secret is encrypted under: 16 hex digits derived from the key
-- (HMAC-SHA256(key, "mailferry key id"), first 8 bytes), never the key itself. A node whose key has
-- another id refuses to start instead of failing later on each secret it cannot decrypt.
-- Rows stored before this column are NULL here. SQL cannot know the key, so the application fills in
-- its key's id at the first start, after checking that this key decrypts every one of those rows
-- (and refuses to start when it does not); `secrets rotate-key` accepts NULL rows as "the old key".
ALTER TABLE mf_secret ADD COLUMN key_id VARCHAR(64);

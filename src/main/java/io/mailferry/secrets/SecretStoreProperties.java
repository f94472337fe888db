package io.mailferry.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master key comes from: {@code mailferry.secrets.master-key-file}, exactly 32 raw bytes readable and
 * writable by its owner only (anything else refuses the start). When the file does not exist it is created with a
 * fresh random key, but only while no secret is stored: stored secrets need the key that encrypted them. Without a
 * file the key lives in memory only, which is accepted for the demo's in-memory database and nothing else.
 */
@ConfigurationProperties("mailferry.secrets")
public record SecretStoreProperties(String masterKeyFile) {}

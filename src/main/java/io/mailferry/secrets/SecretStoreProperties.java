package io.mailferry.secrets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the master key comes from: {@code mailferry.secrets.master-key-file} (created with a fresh random key,
 * readable by the owner only, when it does not exist). Without a file the key lives in memory only, which suits
 * the demo's in-memory database and nothing else.
 */
@ConfigurationProperties("mailferry.secrets")
public record SecretStoreProperties(String masterKeyFile) {}

/**
 * Encrypted credential store. Passwords, keys and tokens are stored AES-256-GCM encrypted under a master key
 * that never touches the database; everything else (process variables, history, logs) carries only the
 * {@code secret:…} reference.
 *
 * <p>The master key fails closed: {@code MasterKeyGuard} refuses to start rather than make a
 * new key while secrets are stored, use a key file others may read or write, or use a key whose id differs from
 * the one stored with the secrets. {@code MasterKeyRotation} ({@code secrets rotate-key})
 * replaces the key.
 */
package io.mailferry.secrets;

/**
 * Encrypted credential store. Passwords, keys and tokens are stored AES-256-GCM encrypted under a master key
 * that never touches the database; everything else (process variables, history, logs) carries only the
 * {@code secret:…} reference.
 */
package io.mailferry.secrets;

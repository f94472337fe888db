package io.mailferry.secrets;

/**
 * The master key cannot be used, and the application must not start (or the command must not run) until an
 * operator fixes it. The message names files, permissions and key ids, never key or secret bytes.
 */
public class MasterKeyException extends IllegalStateException {
    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}

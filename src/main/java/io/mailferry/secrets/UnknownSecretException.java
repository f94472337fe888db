package io.mailferry.secrets;

/** A reference that names no stored secret. The message carries the reference, never a secret. */
public class UnknownSecretException extends RuntimeException {
    public UnknownSecretException(String reference) {
        super("No stored secret with reference " + reference
                + " (store the password again on the credentials page, /credentials.html)");
    }
}

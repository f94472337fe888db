package io.mailferry.secrets;

/**
 * A reference that names no stored secret: never stored, or deleted since. The message shows the reference's
 * fingerprint, never the reference (it works like a bearer token) or a secret.
 */
public class UnknownSecretException extends RuntimeException {
    public UnknownSecretException(String reference) {
        super("No stored secret " + SecretStore.fingerprint(reference) + " (it was deleted, or never stored): store"
                + " the password again on the credentials page, /credentials.html, and use the reference it gives");
    }
}

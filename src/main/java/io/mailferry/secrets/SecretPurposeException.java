package io.mailferry.secrets;

/**
 * A stored secret was asked for a use it was not stored for (another host, another kind of login), or it was stored
 * before secrets had purposes. Names both uses and the secret's fingerprint, never the reference or the secret.
 */
public class SecretPurposeException extends RuntimeException {
    SecretPurposeException(String fingerprint, Purpose stored, Purpose use) {
        super("The stored secret " + fingerprint + " is "
                + (stored == null ? "from before secrets were bound to a purpose" : "for " + stored.describe())
                + ", so it is not revealed for " + (use == null ? "an unnamed use" : use.describe())
                + ". Store the password for that use on /credentials.html (purpose "
                + (use == null ? "imap:host[:port]" : use.toString()) + ") and use the reference it gives.");
    }
}

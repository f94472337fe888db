package io.mailferry.mailbox;

import io.mailferry.secrets.SecretStore;

/** A registered IMAP endpoint; {@code credentialRef} is a SecretStore reference (or null), never a password. */
public record MigrationEndpoint(
        long id, String name, ImapServer server, String adminUser, String credentialRef, LoginMode loginMode) {

    /** The reference works like a bearer token, so whatever prints an endpoint shows its fingerprint only. */
    @Override
    public String toString() {
        return "MigrationEndpoint[id=" + id + ", name=" + name + ", server=" + server + ", adminUser=" + adminUser
                + ", credential=" + (credentialRef == null ? "none" : SecretStore.fingerprint(credentialRef))
                + ", loginMode=" + loginMode + "]";
    }
}

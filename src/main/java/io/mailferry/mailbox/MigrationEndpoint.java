package io.mailferry.mailbox;

/** A registered IMAP endpoint; {@code credentialRef} is a SecretStore reference (or null), never a password. */
public record MigrationEndpoint(
        long id, String name, ImapServer server, String adminUser, String credentialRef, LoginMode loginMode) {}

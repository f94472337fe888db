package io.mailferry.mailbox;

import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretPurposeException;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.UnknownSecretException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Signs in to a user's mailbox on an endpoint, by the endpoint's login mode; the password lives only in here. It is
 * revealed for this endpoint's host and port only, and never for a plain connection {@link PlaintextEndpoints} does
 * not allow. XOAUTH2 endpoints sign in with the Microsoft 365 app's token instead ({@link XOAuth2SignIn}).
 */
final class ImapConnector {
    /** Large enough to stream big messages in few round trips, small enough to keep memory flat. */
    private static final String FETCH_BLOCK_BYTES = "1048576";

    /**
     * Connect, read and write timeouts of one IMAP connection. Without the write timeout a server that stops reading
     * blocks an APPEND in a socket write for ever, where no read timeout reaches.
     */
    record Timeouts(Duration connect, Duration read, Duration write) {
        /**
         * A write call must finish within {@code write}: with plain IMAP one in-memory message (SourceReader keeps
         * up to 1 MB in memory, larger ones go out in 8 KB pieces), under TLS one 16 KB record.
         */
        static final Timeouts DEFAULT =
                new Timeouts(Duration.ofSeconds(15), Duration.ofSeconds(120), Duration.ofSeconds(120));
    }

    private final SecretStore secrets;
    private final PlaintextEndpoints plaintext;
    private final XOAuth2Access xoauth2;

    ImapConnector(SecretStore secrets, PlaintextEndpoints plaintext) {
        this(secrets, plaintext, null);
    }

    /** @param xoauth2 the Microsoft 365 app's token access, or null when Microsoft 365 is not configured */
    ImapConnector(SecretStore secrets, PlaintextEndpoints plaintext, XOAuth2Access xoauth2) {
        this.secrets = secrets;
        this.plaintext = plaintext;
        this.xoauth2 = xoauth2;
    }

    IMAPStore connect(MigrationEndpoint endpoint, String mailbox) {
        return connect(endpoint, mailbox, false);
    }

    /**
     * @param renewToken for XOAUTH2: sign in with a new token rather than the cached one, because the server ended the
     *     session of the last one (ignored by the other login modes)
     */
    IMAPStore connect(MigrationEndpoint endpoint, String mailbox, boolean renewToken) {
        if (endpoint.loginMode() == LoginMode.XOAUTH2) {
            return XOAuth2SignIn.connect(xoauth2, endpoint, mailbox, renewToken, Timeouts.DEFAULT);
        }
        ImapServer server = endpoint.server();
        if (endpoint.credentialRef() == null) {
            throw new MailboxSyncException("Endpoint '" + endpoint.name() + "' (" + server
                    + ") has no stored password; store one before signing in for " + mailbox);
        }
        boolean proxy = endpoint.loginMode() == LoginMode.PROXY;
        char[] password = password(endpoint, mailbox);
        try {
            return signIn(
                    server,
                    null,
                    proxy ? endpoint.adminUser() : mailbox,
                    password,
                    proxy ? mailbox : null,
                    how(endpoint, mailbox));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The endpoint's password, revealed for its server only; a refusal means a person has to act (store the password
     * for this server, or use TLS), so it is not retried.
     */
    private char[] password(MigrationEndpoint endpoint, String mailbox) {
        ImapServer server = endpoint.server();
        if (!plaintext.permits(server)) {
            throw new MailboxUnavailableException("Endpoint '" + endpoint.name() + "': "
                    + PlaintextEndpoints.refusal(server, "signing in for " + mailbox + " to"));
        }
        try {
            return secrets.reveal(endpoint.credentialRef(), Purpose.imapLogin(server.host(), server.port()));
        } catch (SecretPurposeException | UnknownSecretException e) {
            throw new MailboxUnavailableException("Endpoint '" + endpoint.name() + "' (" + server + "), signing in for "
                    + mailbox + ": " + e.getMessage());
        }
    }

    /**
     * Signs in as {@code user}; with an {@code authorizationId}, by SASL PLAIN as that mailbox (proxy login).
     * {@code trusted}: the one certificate to trust instead of the JVM's trust store, or null.
     */
    static IMAPStore signIn(
            ImapServer server,
            X509Certificate trusted,
            String user,
            char[] password,
            String authorizationId,
            String how) {
        return signIn(server, trusted, user, password, authorizationId, how, Timeouts.DEFAULT);
    }

    static IMAPStore signIn(
            ImapServer server,
            X509Certificate trusted,
            String user,
            char[] password,
            String authorizationId,
            String how,
            Timeouts timeouts) {
        try {
            Session session = Session.getInstance(properties(server, trusted, authorizationId, timeouts));
            IMAPStore store = (IMAPStore) session.getStore(server.security() == ImapSecurity.TLS ? "imaps" : "imap");
            store.connect(server.host(), server.port(), user, new String(password));
            return store;
        } catch (AuthenticationFailedException e) {
            throw new MailboxUnavailableException(ImapFailures.redact(
                    "Sign-in to " + server + " " + how + " was refused: " + e.getMessage(), password));
        } catch (MessagingException e) {
            throw new MailboxSyncException(ImapFailures.redact(
                    "Cannot sign in to " + server + " " + how + ": " + ImapFailures.describe(server, e), password));
        }
    }

    static String how(MigrationEndpoint endpoint, String mailbox) {
        return switch (endpoint.loginMode()) {
            case PROXY ->
                "for mailbox " + mailbox + " as administrator " + endpoint.adminUser() + " (SASL PLAIN proxy)";
            case SHARED_PASSWORD -> "as " + mailbox + " (shared migration password)";
            case XOAUTH2 -> XOAuth2SignIn.how(mailbox);
        };
    }

    static Properties properties(
            ImapServer server, X509Certificate trusted, String authorizationId, Timeouts timeouts) {
        String protocol = server.security() == ImapSecurity.TLS ? "imaps" : "imap";
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(
                p + "connectiontimeout", String.valueOf(timeouts.connect().toMillis()));
        props.setProperty(p + "timeout", String.valueOf(timeouts.read().toMillis()));
        // Angus wraps the socket our factories make in a WriteTimeoutSocket, under the TLS layer (SocketFetcher)
        props.setProperty(p + "writetimeout", String.valueOf(timeouts.write().toMillis()));
        // BODY.PEEK: migrating must not mark the user's unread mail as read.
        props.setProperty(p + "peek", "true");
        props.setProperty(p + "partialfetch", "true");
        props.setProperty(p + "fetchsize", FETCH_BLOCK_BYTES);
        // A pinned certificate is compared whole, which says more than a name in it could.
        props.setProperty(p + "ssl.checkserveridentity", String.valueOf(trusted == null));
        if (server.security() != ImapSecurity.NONE) {
            props.put(p + "ssl.socketFactory", ImapTls.socketFactory(trusted));
        }
        // Else a failure in our factory (refused, timed out, bad handshake) is tried once more with the JVM's own:
        // twice the connect timeout, and without the pinned certificate.
        props.setProperty(p + "socketFactory.fallback", "false");
        if (server.security() != ImapSecurity.TLS) {
            // STARTTLS begins on a plain socket, then layers TLS on it with the factory above
            props.put(p + "socketFactory", new NoDelaySocketFactory());
        }
        if (server.security() == ImapSecurity.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (authorizationId != null) {
            props.setProperty(p + "sasl.enable", "true");
            props.setProperty(p + "sasl.mechanisms", "PLAIN");
            props.setProperty(p + "sasl.authorizationid", authorizationId);
            props.setProperty(p + "auth.mechanisms", "PLAIN");
            // Without this, a server lacking AUTH=PLAIN would get a LOGIN as the administrator, i.e. the wrong mailbox.
            props.setProperty(p + "auth.login.disable", "true");
        }
        return props;
    }
}

package io.mailferry.mailbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * Signs in to Exchange Online's IMAP (or the rig standing in for it) as one mailbox with SASL XOAUTH2 and the app's
 * access token. A token the server refuses is replaced by a new one once, since a cached token may have been revoked
 * or may lack a permission granted since. Every further connection the store opens (one per folder) asks for the
 * current token again ({@code forcepasswordrefresh}): a store open longer than its first token lasts goes on with the
 * renewed one instead of offering the expired one to the server.
 */
public final class XOAuth2SignIn {
    private XOAuth2SignIn() {}

    /**
     * Signs in for {@code mailbox} with the connect and read timeouts given (writes get the read timeout).
     *
     * @throws MailboxUnavailableException the server refused the token, also a renewed one; the message says what an
     *     administrator must fix
     * @throws MailboxSyncException the server cannot be reached or spoke no IMAP, or no token could be had
     */
    public static IMAPStore open(XOAuth2Access access, String mailbox, Duration connect, Duration read) {
        return signIn(access, mailbox, false, new ImapConnector.Timeouts(connect, read, read));
    }

    /** For an endpoint whose login mode is XOAUTH2: only the server the tokens are for gets one. */
    static IMAPStore connect(
            XOAuth2Access access,
            MigrationEndpoint endpoint,
            String mailbox,
            boolean renew,
            ImapConnector.Timeouts timeouts) {
        if (access == null) {
            throw new MailboxUnavailableException("Endpoint '" + endpoint.name() + "' (" + endpoint.server()
                    + ") signs in with XOAUTH2, but Microsoft 365 is not configured (mailferry.m365.tenant-id):"
                    + " there is no app token to sign in with for " + mailbox);
        }
        if (!sameServer(access.server(), endpoint.server())) {
            throw new MailboxUnavailableException("Endpoint '" + endpoint.name() + "' asks for the Microsoft 365"
                    + " app's access token at " + endpoint.server() + " ("
                    + endpoint.server().security()
                    + "); it is sent only to " + access.server() + " with TLS (mailferry.m365.imap-host and"
                    + " imap-port), so it is not sent for " + mailbox);
        }
        return signIn(access, mailbox, renew, timeouts);
    }

    private static IMAPStore signIn(
            XOAuth2Access access, String mailbox, boolean renew, ImapConnector.Timeouts timeouts) {
        String token = renew ? access.renewedToken() : access.token();
        try {
            return attempt(access, mailbox, token, timeouts);
        } catch (AuthenticationFailedException refused) {
            if (renew) {
                throw refusal(access, mailbox, refused, token);
            }
        }
        String renewed = access.renewedToken();
        try {
            return attempt(access, mailbox, renewed, timeouts);
        } catch (AuthenticationFailedException refusedAgain) {
            throw refusal(access, mailbox, refusedAgain, renewed);
        }
    }

    private static IMAPStore attempt(
            XOAuth2Access access, String mailbox, String token, ImapConnector.Timeouts timeouts)
            throws AuthenticationFailedException {
        ImapServer server = access.server();
        try {
            Properties props = ImapConnector.properties(server, null, null, timeouts);
            String p = "mail.imaps.";
            props.put(p + "ssl.socketFactory", ImapTls.socketFactory(access.sslContext()));
            props.setProperty(p + "ssl.checkserveridentity", "true");
            // Angus offers XOAUTH2 only when asked to, and then with the password as the bearer token
            props.setProperty(p + "auth.mechanisms", "XOAUTH2");
            // each new connection of the store (one per open folder) asks the Authenticator for the current token
            props.setProperty(p + "forcepasswordrefresh", "true");
            Session session = Session.getInstance(props, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(mailbox, access.token());
                }
            });
            IMAPStore store = (IMAPStore) session.getStore("imaps");
            store.connect(server.host(), server.port(), mailbox, token);
            return store;
        } catch (AuthenticationFailedException e) {
            throw e;
        } catch (MessagingException e) {
            throw new MailboxSyncException(ImapFailures.redact(
                    "Cannot sign in to " + server + " " + how(mailbox) + ": " + ImapFailures.describe(server, e),
                    token.toCharArray()));
        }
    }

    private static MailboxUnavailableException refusal(
            XOAuth2Access access, String mailbox, AuthenticationFailedException e, String token) {
        return new MailboxUnavailableException(ImapFailures.redact(
                "Sign-in to " + access.server() + " " + how(mailbox) + " was refused ("
                        + String.valueOf(e.getMessage()).strip().replaceAll("\\.$", "") + "). "
                        + access.whyRefused(mailbox),
                token.toCharArray()));
    }

    /** How the sign-in was made, for messages: the mailbox and the mechanism, never the token. */
    public static String how(String mailbox) {
        return "for mailbox " + mailbox + " with the Microsoft 365 app's access token (SASL XOAUTH2)";
    }

    private static boolean sameServer(ImapServer allowed, ImapServer asked) {
        return asked.security() == ImapSecurity.TLS
                && allowed.port() == asked.port()
                && allowed.host().toLowerCase(Locale.ROOT).equals(asked.host().toLowerCase(Locale.ROOT));
    }
}

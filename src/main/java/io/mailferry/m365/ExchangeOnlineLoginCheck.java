package io.mailferry.m365;

import io.mailferry.mailbox.MailboxSyncException;
import io.mailferry.mailbox.MailboxUnavailableException;
import io.mailferry.mailbox.XOAuth2SignIn;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.Duration;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * The "may the app open this mailbox" check: an IMAP token from Entra ID, an XOAUTH2 sign-in as the mailbox and its
 * INBOX opened read-only, each failure told apart — no token (Entra's AADSTS error and hint), a token without the
 * IMAP role, a mailbox without FullAccess, a server that does not answer. Every step has a timeout: the token
 * request msal4j's, the IMAP connection {@code mailferry.m365.connect-timeout} and {@code read-timeout}.
 */
final class ExchangeOnlineLoginCheck implements ExchangeOnlineLogin {
    private final AccessTokens tokens;
    private final ExchangeOnlineImap imap;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    ExchangeOnlineLoginCheck(M365Properties properties, AccessTokens tokens, ExchangeOnlineImap imap) {
        this.tokens = tokens;
        this.imap = imap;
        this.connectTimeout = properties.connectTimeout();
        this.readTimeout = properties.readTimeout();
    }

    @Override
    public LoginCheck check(String mailboxAddress) {
        String mailbox = mailboxAddress == null ? "" : mailboxAddress.trim();
        if (!mailbox.matches("[^@\\s]{1,64}@[^@\\s]{1,255}")) {
            return new LoginCheck(
                    false,
                    "'" + mailbox + "' is not a mailbox address: give the address of a mailbox"
                            + " the app should open, such as a test mailbox of the first batch");
        }
        try {
            tokens.imapToken();
        } catch (M365AuthenticationException e) {
            return new LoginCheck(false, e.getMessage());
        }
        try (IMAPStore store = XOAuth2SignIn.open(imap, mailbox, connectTimeout, readTimeout)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int messages = inbox.getMessageCount();
            inbox.close(false);
            return new LoginCheck(
                    true,
                    "Signed in to " + imap.server() + " " + XOAuth2SignIn.how(mailbox) + " and opened INBOX ("
                            + messages + " messages)");
        } catch (MailboxUnavailableException refused) {
            return new LoginCheck(false, refused.getMessage());
        } catch (MailboxSyncException | MessagingException e) {
            return new LoginCheck(
                    false,
                    e.getMessage() + " (connect timeout " + connectTimeout.toSeconds() + " s, read timeout "
                            + readTimeout.toSeconds() + " s)");
        }
    }
}

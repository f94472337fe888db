package io.mailferry.mailbox;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.iap.ConnectionException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one slice of the sync engine over the end of an XOAUTH2 session. Exchange Online ends an IMAP session when
 * its access token expires ({@code * BYE … AccessTokenExpired}) and refuses a token it no longer takes; a long pass
 * outlives its token. Then both sides are signed in again, the target with a new token, and the engine goes on
 * where it stopped: it resumes per folder and UID and adopts a copy whose record the ended session lost, so nothing
 * arrives twice. At most {@link #MAX_RENEWALS} times a slice for an XOAUTH2 target, never for the other login modes
 * (their sessions do not expire; a dropped one fails the slice as before); after that, or for any other failure,
 * the failure stands.
 */
final class TokenRenewal {
    private static final Logger log = LoggerFactory.getLogger(TokenRenewal.class);

    /** A token lasts an hour or more; more than a few renewals in one slice means something else is wrong. */
    static final int MAX_RENEWALS = 3;

    /** Signs in to one side; {@code renew}: after an ended session, with a new token where the side uses one. */
    interface Side {
        IMAPStore open(boolean renew);
    }

    private TokenRenewal() {}

    static SliceResult run(
            MailboxSync engine,
            long mailboxId,
            Side source,
            Side target,
            Instant deadline,
            BooleanSupplier leaseLost,
            int maxRenewals)
            throws MessagingException {
        FolderSync.Counters total = new FolderSync.Counters();
        for (int renewals = 0; ; renewals++) {
            boolean renew = renewals > 0;
            try (IMAPStore from = source.open(renew);
                    IMAPStore to = target.open(renew)) {
                // counted again by the run that goes on: only copies and updates add up across runs
                total.foldersUnchanged = 0;
                return engine.run(mailboxId, from, to, deadline, leaseLost, total);
            } catch (RuntimeException e) {
                if (renewals >= maxRenewals || !sessionEnded(e)) {
                    throw e;
                }
                // the message names server, folder and what happened; tokens appear in no message
                log.info(
                        "Mailbox {}: a session ended mid-slice ({}); signing in again with a new token ({} of {})",
                        mailboxId,
                        e.getMessage(),
                        renewals + 1,
                        maxRenewals);
            }
        }
    }

    /** Whether {@code failure} is a session the server ended or a sign-in it refused, not a fault of the mail. */
    static boolean sessionEnded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FolderClosedException
                    || t instanceof StoreClosedException
                    || t instanceof ConnectionException
                    || t instanceof AuthenticationFailedException) {
                return true;
            }
            // Angus's words when a new connection of the store (a folder being opened) cannot sign in
            if (t instanceof MessagingException && "connection failure".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }
}

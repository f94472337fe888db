package io.mailferry.notify;

import jakarta.mail.SendFailedException;
import java.util.Map;
import org.springframework.mail.MailSendException;

/**
 * What a send that threw means for the message: whether the SMTP server can have accepted it. Only a message the
 * server certainly did not take may be sent again; see {@link NoticeClaims} for why a second copy is the worse fault.
 */
enum SmtpOutcome {
    /** The server did not take the message: refused in a reply of its own, never reached, or never handed one. */
    NOT_ACCEPTED,
    /** The server took every message; only closing the connection failed afterwards. */
    ACCEPTED,
    /** The connection broke or went silent during the dialogue: the reply lost may be the 250 that accepted it. */
    UNKNOWN;

    static SmtpOutcome of(Exception failure) {
        if (!(failure instanceof MailSendException send)) {
            // preparing the message, parsing an address, signing in (MailAuthenticationException): nothing was sent
            return NOT_ACCEPTED;
        }
        Map<Object, Exception> failed = send.getFailedMessages();
        if (failed.isEmpty()) {
            // JavaMailSenderImpl's "Failed to close server connection after message sending"
            return ACCEPTED;
        }
        for (Exception each : failed.values()) {
            if (each == send.getCause()) {
                // "Mail server connection failed": connecting or the greeting failed, before any message
                return NOT_ACCEPTED;
            }
            if (causedBy(each, SendFailedException.class)) {
                // an SMTP reply refused the sender, a recipient or the message itself (SMTPSendFailedException)
                return NOT_ACCEPTED;
            }
        }
        return UNKNOWN;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

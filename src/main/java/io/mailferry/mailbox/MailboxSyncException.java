package io.mailferry.mailbox;

/** A technical fault while signing in or synchronising; the message names server and mailbox, never a secret. */
public class MailboxSyncException extends RuntimeException {
    public MailboxSyncException(String message) {
        super(message);
    }

    public MailboxSyncException(String message, Throwable cause) {
        super(message, cause);
    }
}

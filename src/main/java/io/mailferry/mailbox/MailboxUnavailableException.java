package io.mailferry.mailbox;

/**
 * The mailbox cannot be opened at all (sign-in refused, no such mailbox): retrying does not help, a person has to
 * fix permissions or leave the mailbox out.
 */
public class MailboxUnavailableException extends MailboxSyncException {
    public MailboxUnavailableException(String message) {
        super(message);
    }
}

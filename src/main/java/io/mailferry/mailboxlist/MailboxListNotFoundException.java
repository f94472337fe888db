package io.mailferry.mailboxlist;

/** A mailbox list id, or batch of a list, that does not exist. */
public class MailboxListNotFoundException extends RuntimeException {
    public MailboxListNotFoundException(String message) {
        super(message);
    }
}

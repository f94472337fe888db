package io.mailferry.batch;

/** Per-mailbox status, named after Exchange's migration user status so operators recognise it. */
public enum MailboxStatus {
    QUEUED,
    SYNCING,
    SYNCED,
    FAILED,
    COMPLETED
}

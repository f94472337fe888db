package io.mailferry.batch;

/**
 * Per-mailbox status, named after Exchange's migration user status so operators recognise it, plus LEFT_OUT, which
 * Exchange has no word for. FAILED is transient: the last slice failed and the mailbox is retried (by its job's retry
 * cycle, or by the operator in "Resolve the mailbox problem"); it is not finished. LEFT_OUT is final: an operator took
 * the mailbox out of its batch, and nothing waits for it any more.
 */
public enum MailboxStatus {
    QUEUED,
    SYNCING,
    SYNCED,
    /** The last sync slice failed; the mailbox will be synced again. */
    FAILED,
    COMPLETED,
    /** An operator left the mailbox out of its batch: it will not be synced, converted or waited for. */
    LEFT_OUT
}

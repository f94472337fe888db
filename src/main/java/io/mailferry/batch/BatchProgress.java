package io.mailferry.batch;

import java.time.Instant;

/**
 * Counts per status of a batch. {@code oldestLastSyncedAt} is the least recent sync over all mailboxes, and null
 * while any mailbox has never completed a pass, so "everything synced since T" is a single comparison.
 */
public record BatchProgress(
        int total,
        int queued,
        int syncing,
        int synced,
        int failed,
        int completed,
        int leftOut,
        Instant oldestLastSyncedAt) {

    /**
     * Every mailbox has finished its initial pass one way or another (SYNCED, FAILED, COMPLETED or LEFT_OUT): the batch
     * is finished in Exchange's sense and its report can be reviewed. A FAILED mailbox counts here so that the
     * operator sees it in the report; it is still not finished for what comes after the review.
     */
    public boolean initialSyncDone() {
        return synced + failed + completed + leftOut == total;
    }

    /** "5 mailboxes: 0 queued, 1 syncing, 3 synced, 0 failed, 1 left out", as the operator's history shows it. */
    public String summary() {
        return total + " mailboxes: " + queued + " queued, " + syncing + " syncing, " + synced + " synced, " + failed
                + " failed, " + leftOut + " left out";
    }

    /** Every mailbox is COMPLETED or LEFT_OUT: nothing will sync again. A FAILED one will. */
    public boolean allFinished() {
        return completed + leftOut == total;
    }
}

package io.mailferry.batch;

import java.time.Instant;

/**
 * Counts per status of a batch. {@code oldestLastSyncedAt} is the least recent sync over all mailboxes, and null
 * while any mailbox has never completed a pass, so "everything synced since T" is a single comparison.
 */
public record BatchProgress(
        int total, int queued, int syncing, int synced, int failed, int completed, Instant oldestLastSyncedAt) {

    /** Every mailbox has finished its initial pass one way or another (SYNCED, FAILED or COMPLETED). */
    public boolean initialSyncDone() {
        return synced + failed + completed == total;
    }

    /** "5 mailboxes: 0 queued, 1 syncing, 4 synced, 0 failed", as the operator's history shows it. */
    public String summary() {
        return total + " mailboxes: " + queued + " queued, " + syncing + " syncing, " + synced + " synced, " + failed
                + " failed";
    }

    /** Every mailbox is COMPLETED or FAILED: nothing will sync again. */
    public boolean allFinished() {
        return failed + completed == total;
    }
}

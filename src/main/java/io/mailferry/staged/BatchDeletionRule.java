package io.mailferry.staged;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatch;
import io.mailferry.text.Fit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Microsoft's condition for deleting a staged migration batch: its Last Synced Time is later than the moment mail
 * started being routed to Microsoft 365 — deleting the batch stops synchronisation, so mail that reached an
 * on-premises mailbox after its last sync would never be copied.
 * <p>
 * The batch's last synced time is that of its least recently synced mailbox. Mailboxes an operator left out do not
 * sync any more and do not hold the batch back; a mailbox that has never finished a pass does, and so does one whose
 * last sync failed, whenever it last succeeded: it is not finished, and deleting the batch would stop its retries.
 */
final class BatchDeletionRule {
    /** Characters of a failure's error in the list; the list item is cut further by {@code Shown}. */
    private static final int FAILURE_SHOWN = 200;

    private BatchDeletionRule() {}

    static BatchDeletionCheck check(MigrationBatch batch, List<BatchMailbox> mailboxes, Instant mailRoutedAt) {
        Objects.requireNonNull(mailRoutedAt, "the moment mail started going to Microsoft 365");
        List<BatchMailbox> syncing = mailboxes.stream()
                .filter(m -> m.status() != MailboxStatus.LEFT_OUT)
                .toList();
        List<BatchMailbox> behind = syncing.stream()
                .filter(m -> m.status() == MailboxStatus.FAILED || !syncedAfter(m, mailRoutedAt))
                .sorted(Comparator.comparing(
                        BatchMailbox::lastSyncedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Instant lastSynced = syncing.stream().anyMatch(m -> m.lastSyncedAt() == null)
                ? null
                : syncing.stream()
                        .map(BatchMailbox::lastSyncedAt)
                        .min(Comparator.naturalOrder())
                        .orElse(null);
        int failed = (int)
                behind.stream().filter(m -> m.status() == MailboxStatus.FAILED).count();
        // A requested final sync is on its way while a mailbox behind has not completed it yet; a failed one is not
        // waited for in silence: the operator is told.
        boolean finalSyncRunning = batch.finalSyncRequested()
                && failed == 0
                && behind.stream().anyMatch(m -> m.status() != MailboxStatus.COMPLETED);
        List<String> named = new ArrayList<>();
        behind.forEach(m -> named.add(m.sourceAddress() + " (" + whyBehind(m) + ")"));
        return new BatchDeletionCheck(
                behind.isEmpty(), finalSyncRunning, mailRoutedAt, lastSynced, syncing.size(), named, failed);
    }

    private static String whyBehind(BatchMailbox mailbox) {
        String lastSynced = mailbox.lastSyncedAt() == null
                ? "never synced"
                : "last synced " + BatchDeletionCheck.time(mailbox.lastSyncedAt());
        if (mailbox.status() != MailboxStatus.FAILED) {
            return lastSynced;
        }
        return lastSynced + "; its last sync failed"
                + (mailbox.lastError() == null ? "" : ": " + Fit.cut(mailbox.lastError(), FAILURE_SHOWN));
    }

    private static boolean syncedAfter(BatchMailbox mailbox, Instant moment) {
        return mailbox.lastSyncedAt() != null && mailbox.lastSyncedAt().isAfter(moment);
    }
}

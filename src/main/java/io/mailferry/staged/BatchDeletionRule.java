package io.mailferry.staged;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatch;
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
 * The batch's last synced time is that of its least recently synced mailbox. Mailboxes left out (Failed) do not
 * sync any more and do not hold the batch back; a mailbox that has never finished a pass does.
 */
final class BatchDeletionRule {
    private BatchDeletionRule() {}

    static BatchDeletionCheck check(MigrationBatch batch, List<BatchMailbox> mailboxes, Instant mailRoutedAt) {
        Objects.requireNonNull(mailRoutedAt, "the moment mail started going to Microsoft 365");
        List<BatchMailbox> syncing = mailboxes.stream()
                .filter(m -> m.status() != MailboxStatus.FAILED)
                .toList();
        List<BatchMailbox> behind = syncing.stream()
                .filter(m -> !syncedAfter(m, mailRoutedAt))
                .sorted(Comparator.comparing(
                        BatchMailbox::lastSyncedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Instant lastSynced = syncing.stream().anyMatch(m -> m.lastSyncedAt() == null)
                ? null
                : syncing.stream()
                        .map(BatchMailbox::lastSyncedAt)
                        .min(Comparator.naturalOrder())
                        .orElse(null);
        // A requested final sync is on its way while a mailbox behind has not completed it yet.
        boolean finalSyncRunning =
                batch.finalSyncRequested() && behind.stream().anyMatch(m -> m.status() != MailboxStatus.COMPLETED);
        List<String> named = new ArrayList<>();
        behind.forEach(m -> named.add(m.sourceAddress()
                + (m.lastSyncedAt() == null
                        ? " (never synced)"
                        : " (last synced " + BatchDeletionCheck.time(m.lastSyncedAt()) + ")")));
        return new BatchDeletionCheck(
                behind.isEmpty(), finalSyncRunning, mailRoutedAt, lastSynced, syncing.size(), named);
    }

    private static boolean syncedAfter(BatchMailbox mailbox, Instant moment) {
        return mailbox.lastSyncedAt() != null && mailbox.lastSyncedAt().isAfter(moment);
    }
}

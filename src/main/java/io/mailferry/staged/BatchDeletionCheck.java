package io.mailferry.staged;

import io.mailferry.text.Shown;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The answer of {@link BatchDeletionRule}: may the batch be deleted, is a requested final sync still on its way, the
 * batch's last synced time (the least recent of its syncing mailboxes; null while one has never finished a pass) and
 * the mailboxes that hold it back — not synced since mail started going to Microsoft 365, or their last sync failed —
 * as "address (last synced …)", and how many of them failed.
 */
public record BatchDeletionCheck(
        boolean deletable,
        boolean finalSyncRunning,
        Instant mailRoutedAt,
        Instant lastSyncedAt,
        int mailboxesSyncing,
        List<String> notSyncedSince,
        int lastSyncFailed) {
    /** To the second: a sync a few seconds after the MX change must not read as the same minute. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public BatchDeletionCheck {
        notSyncedSince = List.copyOf(notSyncedSince);
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The batch's Last Synced Time as Exchange shows it, or why there is none. */
    public String lastSyncedText() {
        if (mailboxesSyncing == 0) {
            return "no mailbox of this batch is syncing any more (every one was left out)";
        }
        return lastSyncedAt == null ? "not yet: a mailbox has never finished a sync" : time(lastSyncedAt);
    }

    /** For the operator: why the batch may be deleted, or which mailboxes hold it back. */
    public String explanation() {
        String routed = time(mailRoutedAt);
        if (deletable) {
            return "Every syncing mailbox of the batch last synced after " + routed
                    + ", when mail started going to Microsoft 365: nothing is left on the on-premises server.";
        }
        return Shown.count(notSyncedSince.size()) + " of " + Shown.count(mailboxesSyncing)
                + " syncing mailboxes have not synced since mail started going to Microsoft 365 at " + routed
                + ", or their last sync failed. Mail that reached them on-premises since then would be lost if the"
                + " batch were deleted now:\n" + Shown.firstOf(notSyncedSince)
                + (lastSyncFailed > 0
                        ? "\n\nA mailbox whose last sync failed is retried by its own job; if it cannot be opened, its"
                                + " task \"Resolve the mailbox problem\" asks whether to retry it or leave it out."
                                + " A mailbox left out no longer holds the batch back."
                        : "");
    }
}

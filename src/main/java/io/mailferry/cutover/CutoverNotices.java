package io.mailferry.cutover;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.notify.NotificationService;
import java.util.List;
import org.springframework.stereotype.Service;

/** The cutover's mail to users: the notice before the migration (seed step 1) and the welcome after it (step 8). */
@Service
public class CutoverNotices {
    private final DirectoryService directory;
    private final MigrationBatchService batches;
    private final NotificationService notifications;

    public CutoverNotices(
            DirectoryService directory, MigrationBatchService batches, NotificationService notifications) {
        this.directory = directory;
        this.batches = batches;
        this.notifications = notifications;
    }

    /** Who was told, and whose mailbox the endpoint may be tested with by default. */
    public record OwnersNotified(int sent, String firstOwner) {}

    /**
     * Tells every mailbox owner in the on-premises directory what changes and when. {@code noticeKey} makes a job
     * that runs again send nothing twice.
     */
    public OwnersNotified notifyOwners(String noticeKey, String domain, String schedule) {
        List<String> owners = directory.listMailboxes(domain).stream()
                .map(DirectoryMailbox::address)
                .toList();
        if (owners.isEmpty()) {
            throw new IllegalStateException("The on-premises directory lists no mailbox in " + domain);
        }
        return new OwnersNotified(
                notifications.sendMigrationNotice(noticeKey, domain, owners, schedule), owners.get(0));
    }

    /** A welcome message to every migrated user of the batch, now in their Microsoft 365 mailbox. */
    public int welcome(String noticeKey, String domain, long batchId) {
        return notifications.sendWelcome(noticeKey, domain, batches.migratedAddresses(batchId));
    }
}

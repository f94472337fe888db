package io.mailferry.cutover;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.notify.NotificationService;
import io.mailferry.process.MailboxGroups;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The cutover's mail to users: the notice before the migration (seed step 1), to the owners listed once and told a
 * group at a time, and the welcome after it (step 8).
 */
@Service
public class CutoverNotices {
    private final DirectoryService directory;
    private final MigrationBatchService batches;
    private final NotificationService notifications;
    private final NoticeRecipients recipients;
    private final MailboxGroups groups;

    CutoverNotices(
            DirectoryService directory,
            MigrationBatchService batches,
            NotificationService notifications,
            NoticeRecipients recipients,
            MailboxGroups groups) {
        this.directory = directory;
        this.batches = batches;
        this.notifications = notifications;
        this.recipients = recipients;
        this.groups = groups;
    }

    /** How many owners the notice goes to, and whose mailbox the endpoint may be tested with by default. */
    public record OwnersListed(int count, String firstOwner) {}

    /** The key under which every group of one cutover's migration notice is sent and recorded. */
    public static String migrationNoticeKey(String cutoverInstanceId) {
        return cutoverInstanceId + ":migration-notice";
    }

    /**
     * Lists every mailbox owner in the on-premises directory once, for the groups that tell them; listed again, the
     * list is replaced, and owners already told are still skipped (their claims are kept per notice).
     */
    public OwnersListed listOwners(String noticeKey, String domain) {
        List<String> owners = directory.listMailboxes(domain).stream()
                .map(DirectoryMailbox::address)
                .distinct()
                .toList();
        if (owners.isEmpty()) {
            throw new IllegalStateException("The on-premises directory lists no mailbox in " + domain);
        }
        recipients.replace(noticeKey, owners);
        return new OwnersListed(owners.size(), owners.get(0));
    }

    /** The numbers of the groups the listed owners fall into: the collection of the notices' multi-instance. */
    public List<Integer> groups(String noticeKey) {
        return groups.numbers(listed(noticeKey));
    }

    /**
     * Tells the owners of group {@code group} what changes and when; {@code noticeKey} makes a group that runs again
     * send nothing twice, and an owner is told once even if a later listing puts them in another group.
     */
    public int notifyGroup(String noticeKey, String domain, String schedule, int group) {
        List<String> owners = groups.members(listed(noticeKey), group).stream()
                .map(String.class::cast)
                .toList();
        return notifications.sendMigrationNotice(noticeKey, domain, owners, schedule);
    }

    private List<String> listed(String noticeKey) {
        List<String> owners = recipients.of(noticeKey);
        if (owners.isEmpty()) {
            throw new IllegalStateException("The mailbox owners for notice " + noticeKey + " have not been listed");
        }
        return owners;
    }

    /**
     * A welcome message to every migrated user of group {@code group} of the batch's mailboxes, now in their Microsoft
     * 365 mailbox; {@code noticeKey} makes a group that runs again send nothing twice. Returns how many were sent.
     */
    public int welcome(String noticeKey, String domain, long batchId, int group) {
        List<String> migrated = groups.members(batches.mailboxes(batchId), group).stream()
                .map(BatchMailbox.class::cast)
                .filter(m -> m.status() == MailboxStatus.COMPLETED)
                .map(BatchMailbox::targetAddress)
                .toList();
        return migrated.isEmpty() ? 0 : notifications.sendWelcome(noticeKey, domain, migrated);
    }
}

package io.mailferry.licences;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.notify.NotificationService;
import io.mailferry.process.MailboxGroups;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.Tenant;
import io.mailferry.text.Shown;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Seed step 7 (staged: task 11): licences for the users a migration moved, and the operators' notices while some
 * still lack one — without a licence Microsoft 365 soft-deletes a user when the grace period ends.
 */
@Service
public class LicenceService {
    private final MigrationBatchService batches;
    private final MailboxListService lists;
    private final Tenant tenant;
    private final NotificationService notifications;
    private final List<String> operators;
    private final MailboxGroups groups;

    public LicenceService(
            MigrationBatchService batches,
            MailboxListService lists,
            Tenant tenant,
            NotificationService notifications,
            @Value("${mailferry.notify.operators:}") List<String> operators,
            MailboxGroups groups) {
        this.groups = groups;
        this.batches = batches;
        this.lists = lists;
        this.tenant = tenant;
        this.notifications = notifications;
        this.operators = operators;
    }

    /**
     * The users of a cutover batch's migrated mailboxes ({@code batchId}) or of a staged migration's mailbox list
     * ({@code mailboxListId}) in the batch's or list's order: all of them, not only those whose mailbox migrated,
     * since after the MX change everyone's mail arrives in Microsoft 365. Exactly one of the two is given.
     */
    List<String> users(Long batchId, Long mailboxListId) {
        if ((batchId == null) == (mailboxListId == null)) {
            throw new IllegalArgumentException("Licences are assigned for a cutover batch or a staged migration's"
                    + " mailbox list: exactly one of batchId and mailboxListId must be given");
        }
        return batchId != null ? batches.migratedAddresses(batchId) : lists.addresses(mailboxListId);
    }

    /** The numbers of the groups of {@link #users} that are licensed one job each. */
    public List<Integer> groupNumbers(Long batchId, Long mailboxListId) {
        return groups.numbers(users(batchId, mailboxListId));
    }

    /**
     * Licences for group {@code group} of {@link #users}: a tenant behind Microsoft Graph makes a call or two per
     * user, so 2,000 users in one job would outlive its lock; a group of 100 is a short job that a retry repeats
     * alone, and users already licensed are skipped.
     */
    public LicenceResult assignLicences(Long batchId, Long mailboxListId, int group) {
        List<String> members = groups.members(users(batchId, mailboxListId), group).stream()
                .map(String.class::cast)
                .toList();
        return tenant.assignLicences(members);
    }

    /** Which of {@link #users} hold a licence now, after every group was assigned (one listing for Graph). */
    public LicenceResult checkLicences(Long batchId, Long mailboxListId) {
        List<String> users = users(batchId, mailboxListId);
        List<String> unlicensed = tenant.unlicensedUsers(users);
        Set<String> without = new HashSet<>(unlicensed);
        List<String> licensed = users.stream().filter(u -> !without.contains(u)).toList();
        String detail = unlicensed.isEmpty()
                ? "Every one of the " + users.size() + " users holds a licence"
                : licensed.size() + " of the " + users.size() + " users hold a licence; without one:\n"
                        + Shown.firstOf(unlicensed);
        return new LicenceResult(licensed, unlicensed, detail);
    }

    /**
     * Reminds (or, close to the end, warns) the operators ({@code mailferry.notify.operators}) that users still lack
     * a licence. {@code noticeKey} makes the notice idempotent when a job runs again.
     */
    public void sendGraceNotice(
            String noticeKey, boolean escalation, String domain, int unlicensed, String graceEnds, String status) {
        if (operators.isEmpty()) {
            throw new IllegalStateException(
                    "Nobody to remind of the licence grace period: set mailferry.notify.operators");
        }
        String subject = (escalation ? "URGENT: " : "Reminder: ") + unlicensed + " migrated users of " + domain
                + " have no Exchange Online licence";
        String body = "Their grace period ends on " + graceEnds
                + "; then Microsoft 365 soft-deletes their mailboxes.\n\n" + status
                + "\n\nAssign licences, then complete the task \"Get licences for the remaining users\" in Tasklist.";
        notifications.sendOperatorNotice(noticeKey, operators, subject, body);
    }
}

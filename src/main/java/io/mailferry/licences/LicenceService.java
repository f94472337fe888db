package io.mailferry.licences;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.notify.NotificationService;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.tenant.Tenant;
import java.util.List;
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

    public LicenceService(
            MigrationBatchService batches,
            MailboxListService lists,
            Tenant tenant,
            NotificationService notifications,
            @Value("${mailferry.notify.operators:}") List<String> operators) {
        this.batches = batches;
        this.lists = lists;
        this.tenant = tenant;
        this.notifications = notifications;
        this.operators = operators;
    }

    /**
     * Licences for a cutover batch's migrated mailboxes ({@code batchId}) or for every user of a staged migration's
     * mailbox list ({@code mailboxListId}): all of them, not only those whose mailbox migrated, since after the MX
     * change everyone's mail arrives in Microsoft 365. Exactly one of the two is given.
     */
    public LicenceResult assignLicences(Long batchId, Long mailboxListId) {
        if ((batchId == null) == (mailboxListId == null)) {
            throw new IllegalArgumentException("Licences are assigned for a cutover batch or a staged migration's"
                    + " mailbox list: exactly one of batchId and mailboxListId must be given");
        }
        List<String> users = batchId != null ? batches.migratedAddresses(batchId) : lists.addresses(mailboxListId);
        return tenant.assignLicences(users);
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

package io.mailferry.staged;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailboxlist.ListedMailbox;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.tenant.Tenant;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * One batch of a staged migration: made from a batch of the mailbox list (tasks 6 and 7), its migrated mailboxes
 * turned into mail-enabled users that forward to Microsoft 365 (task 8), and the check before it is deleted (task 10).
 */
@Service
public class StagedBatchService {
    private final MailboxListService lists;
    private final MigrationBatchService batches;
    private final DirectoryService directory;
    private final Tenant tenant;

    public StagedBatchService(MailboxListService lists, MigrationBatchService batches, DirectoryService directory,
            Tenant tenant) {
        this.lists = lists;
        this.batches = batches;
        this.directory = directory;
        this.tenant = tenant;
    }

    /**
     * Creates the migration batch of batch {@code batchNumber} of the list, every mailbox Queued: the batch is
     * "Created" until its mailboxes start syncing. The list's password references are not needed here — the users
     * come from directory synchronisation — and stay where they are.
     */
    public CreatedBatch createBatch(long listId, int batchNumber, String domain, long sourceEndpointId,
            long targetEndpointId) {
        List<String> addresses = lists.rows(listId, batchNumber).stream().map(ListedMailbox::address).toList();
        String name = "Staged " + domain + ", list " + listId + ", batch " + batchNumber;
        long batchId = batches.createBatch(name, domain, sourceEndpointId, targetEndpointId, addresses);
        return new CreatedBatch(batchId, name, batches.mailboxIds(batchId), addresses);
    }

    /**
     * Task 8 for one mailbox: once it has been copied to Microsoft 365, its on-premises mailbox becomes a
     * mail-enabled user forwarding to the user's address in the tenant's initial domain, so the user reads mail
     * there. Safe to run again. A mailbox that failed or was never copied is left alone.
     */
    public MailboxConversion convertMailbox(long mailboxId) {
        BatchMailbox mailbox = batches.mailbox(mailboxId);
        if (mailbox.status() == MailboxStatus.FAILED) {
            return new MailboxConversion(mailbox.sourceAddress(), null, "its migration failed"
                    + (mailbox.lastError() == null ? "" : ": " + mailbox.lastError()));
        }
        if (mailbox.lastSyncedAt() == null) {
            return new MailboxConversion(mailbox.sourceAddress(), null, "it has not been copied to Microsoft 365 yet");
        }
        return new MailboxConversion(mailbox.sourceAddress(),
                directory.convertToMailEnabledUser(mailbox.sourceAddress(), cloudAddress(mailbox.sourceAddress())), null);
    }

    /** {@code user01@contoso.com} → {@code user01@contoso.onmicrosoft.com}: the address every cloud mailbox has. */
    String cloudAddress(String onPremisesAddress) {
        return onPremisesAddress.substring(0, onPremisesAddress.lastIndexOf('@') + 1) + tenant.initialDomain();
    }

    /** Task 10: may the batch be deleted, given when mail started going to Microsoft 365 (the MX change)? */
    public BatchDeletionCheck deletionCheck(long batchId, Instant mailRoutedAt) {
        return BatchDeletionRule.check(batches.batch(batchId), batches.mailboxes(batchId), mailRoutedAt);
    }
}

package io.mailferry.staged;

import io.mailferry.batch.CreatedBatch;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailboxlist.ListedMailbox;
import io.mailferry.mailboxlist.MailboxListService;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * One batch of a staged migration: made from a batch of the mailbox list (tasks 6 and 7), and checked before it is
 * deleted (task 10).
 */
@Service
public class StagedBatchService {
    private final MailboxListService lists;
    private final MigrationBatchService batches;

    public StagedBatchService(MailboxListService lists, MigrationBatchService batches) {
        this.lists = lists;
        this.batches = batches;
    }

    /**
     * Creates the migration batch of batch {@code batchNumber} of the list, every mailbox Queued: the batch is
     * "Created" until its mailboxes start syncing. The list's password references are not needed here — the users
     * come from directory synchronisation — and stay where they are.
     */
    public CreatedBatch createBatch(
            long listId, int batchNumber, String domain, long sourceEndpointId, long targetEndpointId) {
        List<String> addresses = lists.rows(listId, batchNumber).stream()
                .map(ListedMailbox::address)
                .toList();
        String name = "Staged " + domain + ", list " + listId + ", batch " + batchNumber;
        long batchId = batches.createBatch(name, domain, sourceEndpointId, targetEndpointId, addresses);
        // the name as stored: a long domain makes it longer than its column, which keeps the beginning
        return new CreatedBatch(batchId, batches.batch(batchId).name(), batches.mailboxIds(batchId), addresses);
    }

    /** Task 10: may the batch be deleted, given when mail started going to Microsoft 365 (the MX change)? */
    public BatchDeletionCheck deletionCheck(long batchId, Instant mailRoutedAt) {
        return BatchDeletionRule.check(batches.batch(batchId), batches.mailboxes(batchId), mailRoutedAt);
    }
}

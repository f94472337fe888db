package io.mailferry.staged;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryService;
import org.springframework.stereotype.Service;

/**
 * Task 8: a user whose mailbox has moved has a mailbox on-premises and one in Microsoft 365; turning the on-premises
 * one into a mail-enabled user sends the user (and mail arriving on-premises) to Microsoft 365.
 */
@Service
public class MailboxConversionService {
    private final MigrationBatchService batches;
    private final DirectoryService directory;
    private final CloudRoutingAddresses routing;

    MailboxConversionService(MigrationBatchService batches, DirectoryService directory, CloudRoutingAddresses routing) {
        this.batches = batches;
        this.directory = directory;
        this.routing = routing;
    }

    /**
     * Task 8 for one mailbox: once it has been copied to Microsoft 365, its on-premises mailbox becomes a
     * mail-enabled user forwarding to the user's cloud routing address, as Microsoft 365 reports it, so the user reads
     * mail there. Safe to run again. A mailbox an operator left out stays on-premises.
     * <p>
     * A mailbox whose last sync failed, or that was never copied, has not finished migrating: converting it would send
     * its user to an incomplete mailbox, and passing over it would leave the user on-premises for good. So it is held
     * back, and the process shows an operator why and checks it again until it syncs or is left out. So is a mailbox
     * whose user the tenant does not know, or whose cloud mailbox another entry of the migration reaches too (see
     * {@link CloudRoutingAddresses}).
     */
    public MailboxConversion convertMailbox(long mailboxId) {
        BatchMailbox mailbox = batches.mailbox(mailboxId);
        if (mailbox.status() == MailboxStatus.LEFT_OUT) {
            return MailboxConversion.leftOut(mailbox.sourceAddress());
        }
        if (mailbox.status() == MailboxStatus.FAILED) {
            return MailboxConversion.notFinished(
                    mailbox.sourceAddress(),
                    "its last sync failed" + (mailbox.lastError() == null ? "" : ": " + mailbox.lastError()));
        }
        if (mailbox.lastSyncedAt() == null) {
            return MailboxConversion.notFinished(
                    mailbox.sourceAddress(), "it has not been copied to Microsoft 365 yet");
        }
        CloudRoutingAddresses.Routing cloud = routing.of(mailboxId, mailbox.batchId(), mailbox.sourceAddress());
        if (!cloud.known()) {
            return MailboxConversion.notFinished(mailbox.sourceAddress(), cloud.problem());
        }
        return MailboxConversion.converted(
                mailbox.sourceAddress(), directory.convertToMailEnabledUser(mailbox.sourceAddress(), cloud.address()));
    }
}

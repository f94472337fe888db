package io.mailferry.staged;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryService;
import io.mailferry.tenant.Tenant;
import org.springframework.stereotype.Service;

/**
 * Task 8: a user whose mailbox has moved has a mailbox on-premises and one in Microsoft 365; turning the on-premises
 * one into a mail-enabled user sends the user (and mail arriving on-premises) to Microsoft 365.
 */
@Service
public class MailboxConversionService {
    private final MigrationBatchService batches;
    private final DirectoryService directory;
    private final Tenant tenant;

    public MailboxConversionService(MigrationBatchService batches, DirectoryService directory, Tenant tenant) {
        this.batches = batches;
        this.directory = directory;
        this.tenant = tenant;
    }

    /**
     * Task 8 for one mailbox: once it has been copied to Microsoft 365, its on-premises mailbox becomes a
     * mail-enabled user forwarding to the user's address in the tenant's initial domain, so the user reads mail
     * there. Safe to run again. A mailbox an operator left out stays on-premises.
     * <p>
     * A mailbox whose last sync failed, or that was never copied, has not finished migrating: converting it would send
     * its user to an incomplete mailbox, and passing over it would leave the user on-premises for good. So the
     * conversion refuses with an IllegalStateException, and its job waits on its retry cycle until the mailbox syncs
     * or an operator leaves it out.
     */
    public MailboxConversion convertMailbox(long mailboxId) {
        BatchMailbox mailbox = batches.mailbox(mailboxId);
        if (mailbox.status() == MailboxStatus.LEFT_OUT) {
            return new MailboxConversion(mailbox.sourceAddress(), null, "an operator left it out of the batch");
        }
        if (mailbox.status() == MailboxStatus.FAILED || mailbox.lastSyncedAt() == null) {
            throw new IllegalStateException(mailbox.sourceAddress() + " has not finished migrating: "
                    + (mailbox.status() == MailboxStatus.FAILED
                            ? "its last sync failed"
                                    + (mailbox.lastError() == null ? "" : " (" + mailbox.lastError() + ")")
                            : "it has not been copied to Microsoft 365 yet")
                    + ". It is converted once a sync succeeds: its sync is retried on its own, or waits in its task"
                    + " \"Resolve the mailbox problem\", where it can also be left out of the batch. Retry this job"
                    + " then.");
        }
        return new MailboxConversion(
                mailbox.sourceAddress(),
                directory.convertToMailEnabledUser(mailbox.sourceAddress(), cloudAddress(mailbox.sourceAddress())),
                null);
    }

    /** {@code user01@contoso.com} → {@code user01@contoso.onmicrosoft.com}: the address every cloud mailbox has. */
    String cloudAddress(String onPremisesAddress) {
        return onPremisesAddress.substring(0, onPremisesAddress.lastIndexOf('@') + 1) + tenant.initialDomain();
    }
}

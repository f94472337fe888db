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
     * its user to an incomplete mailbox, and passing over it would leave the user on-premises for good. So it is held
     * back, and the process shows an operator why and checks it again until it syncs or is left out.
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
        return MailboxConversion.converted(
                mailbox.sourceAddress(),
                directory.convertToMailEnabledUser(mailbox.sourceAddress(), cloudAddress(mailbox.sourceAddress())));
    }

    /** {@code user01@contoso.com} → {@code user01@contoso.onmicrosoft.com}: the address every cloud mailbox has. */
    String cloudAddress(String onPremisesAddress) {
        return onPremisesAddress.substring(0, onPremisesAddress.lastIndexOf('@') + 1) + tenant.initialDomain();
    }
}

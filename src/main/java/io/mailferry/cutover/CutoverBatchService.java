package io.mailferry.cutover;

import io.mailferry.batch.CreatedBatch;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.tenant.Tenant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Seed step 4: the cutover batch holds every mailbox of the on-premises organisation, from the migration endpoint to
 * the configured Microsoft 365 target. Like Exchange's cutover wizard, creating it creates the users in Microsoft 365.
 */
@Service
public class CutoverBatchService {
    private final DirectoryService directory;
    private final Tenant tenant;
    private final MigrationBatchService batches;
    private final ConfiguredEndpoints endpoints;

    public CutoverBatchService(
            DirectoryService directory, Tenant tenant, MigrationBatchService batches, ConfiguredEndpoints endpoints) {
        this.directory = directory;
        this.tenant = tenant;
        this.batches = batches;
        this.endpoints = endpoints;
    }

    /** Creates every mailbox owner as a user in Microsoft 365, then the batch of all their mailboxes, each Queued. */
    public CreatedBatch createBatch(String domain, long sourceEndpointId) {
        List<DirectoryMailbox> mailboxes = directory.listMailboxes(domain);
        if (mailboxes.isEmpty()) {
            throw new IllegalStateException(
                    "The on-premises directory lists no mailbox in " + domain + ": there is nothing to migrate");
        }
        mailboxes.forEach(m -> tenant.createUser(m.address(), m.displayName()));
        List<String> addresses =
                mailboxes.stream().map(DirectoryMailbox::address).toList();
        String name = "Cutover " + domain;
        long batchId = batches.createBatch(name, domain, sourceEndpointId, endpoints.targetEndpointId(), addresses);
        return new CreatedBatch(batchId, name, batches.mailboxIds(batchId), addresses);
    }
}

package io.mailferry.cutover;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.Variables;
import io.mailferry.tenant.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Seed step 4: the cutover batch holds every mailbox of the on-premises organisation. Creating it creates the cloud
 * users, which starts the licence grace period.
 */
@Component("createMigrationBatchDelegate")
class CreateMigrationBatchDelegate implements JavaDelegate {
    private final DirectoryService directory;
    private final Tenant tenant;
    private final MigrationBatchService batches;
    private final ConfiguredEndpoints endpoints;
    private final MigrationTimers timers;

    CreateMigrationBatchDelegate(DirectoryService directory, Tenant tenant, MigrationBatchService batches,
                                 ConfiguredEndpoints endpoints, MigrationTimers timers) {
        this.directory = directory;
        this.tenant = tenant;
        this.batches = batches;
        this.endpoints = endpoints;
        this.timers = timers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String domain = Variables.string(execution, "domain");
        List<DirectoryMailbox> mailboxes = directory.listMailboxes(domain);
        mailboxes.forEach(m -> tenant.createUser(m.address(), m.displayName()));
        long batchId = batches.createBatch("Cutover " + domain, domain, Variables.number(execution, "sourceEndpointId"),
                endpoints.targetEndpointId(), mailboxes.stream().map(DirectoryMailbox::address).toList());
        execution.setVariable("batchId", batchId);
        execution.setVariable("mailboxIds", new ArrayList<>(batches.mailboxIds(batchId)));
        execution.setVariable("mailboxCount", mailboxes.size());
        LicenceGrace.start(execution, timers);
    }
}

package io.mailferry.cutover;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.CreatedBatch;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.process.MailboxGroups;
import io.mailferry.tenant.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Seed step 4: the cutover batch holds every mailbox of the on-premises organisation, from the migration endpoint to
 * the configured Microsoft 365 target. Like Exchange's cutover wizard, the migration creates the users in Microsoft 365.
 */
@Service
public class CutoverBatchService {
    private final DirectoryService directory;
    private final Tenant tenant;
    private final MigrationBatchService batches;
    private final ConfiguredEndpoints endpoints;
    private final MailboxGroups groups;

    public CutoverBatchService(
            DirectoryService directory,
            Tenant tenant,
            MigrationBatchService batches,
            ConfiguredEndpoints endpoints,
            MailboxGroups groups) {
        this.groups = groups;
        this.directory = directory;
        this.tenant = tenant;
        this.batches = batches;
        this.endpoints = endpoints;
    }

    /**
     * The batch of every mailbox of the domain, each Queued. Their users are created in Microsoft 365 a group at a time
     * ({@link #createUsers}), just before the group's mailboxes start: with Microsoft Graph each user is a call or
     * two, and 2,000 of them in this one job would outlive its lock.
     */
    public CreatedBatch createBatch(String domain, long sourceEndpointId) {
        List<DirectoryMailbox> mailboxes = directory.listMailboxes(domain);
        if (mailboxes.isEmpty()) {
            throw new IllegalStateException(
                    "The on-premises directory lists no mailbox in " + domain + ": there is nothing to migrate");
        }
        List<String> addresses =
                mailboxes.stream().map(DirectoryMailbox::address).toList();
        String name = "Cutover " + domain;
        long batchId = batches.createBatch(name, domain, sourceEndpointId, endpoints.targetEndpointId(), addresses);
        return new CreatedBatch(batchId, name, batches.mailboxIds(batchId), addresses);
    }

    /**
     * Creates the users of group {@code group} of the batch's mailboxes in Microsoft 365, each unless it exists, with
     * the display name the on-premises directory gives (the address when the directory no longer lists the mailbox);
     * returns how many users the group has. Run again, it creates nobody twice.
     */
    public int createUsers(String domain, long batchId, int group) {
        List<String> addresses = groups.members(batches.mailboxes(batchId), group).stream()
                .map(m -> ((BatchMailbox) m).sourceAddress())
                .toList();
        Map<String, String> names = new HashMap<>();
        directory.listMailboxes(domain).forEach(m -> names.put(m.address().toLowerCase(Locale.ROOT), m.displayName()));
        for (String address : addresses) {
            tenant.createUser(address, names.getOrDefault(address.toLowerCase(Locale.ROOT), address));
        }
        return addresses.size();
    }
}

package io.mailferry.staged;

import io.mailferry.tenant.Tenant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where each converted mailbox's user is sent: the cloud routing address Microsoft 365 reports for the user, never one
 * built from the local part (wrong when the alias differs from the address, and another person's mailbox when two of
 * the organisation's domains share a local part). Before the first mailbox of a batch is converted, every mailbox of
 * the batch is looked up and the answers are kept (mf_batch_mailbox.cloud_address), so two list entries that reach
 * one cloud mailbox are both held back, not the second found after the first was converted.
 */
@Component
class CloudRoutingAddresses {
    private final JdbcTemplate jdbc;
    private final Tenant tenant;

    CloudRoutingAddresses(JdbcTemplate jdbc, Tenant tenant) {
        this.jdbc = jdbc;
        this.tenant = tenant;
    }

    /** The address to forward to, or why there is none the mailbox can be converted with. */
    record Routing(String address, String problem) {
        boolean known() {
            return problem == null;
        }
    }

    Routing of(long mailboxId, long batchId, String sourceAddress) {
        lookUpUnknown(batchId);
        String address =
                jdbc.queryForObject("SELECT cloud_address FROM mf_batch_mailbox WHERE id = ?", String.class, mailboxId);
        if (address == null) {
            return new Routing(
                    null,
                    "Microsoft 365 has no user with the address " + sourceAddress + ", or the user has no address in "
                            + "the tenant's initial domain; check that directory synchronisation has synchronised the"
                            + " user (Mailferry forwards only to an address the tenant reports)");
        }
        List<String> sharing = jdbc.queryForList(
                "SELECT m.source_address FROM mf_batch_mailbox m JOIN mf_batch b ON b.id = m.batch_id"
                        + " WHERE m.cloud_address = ? AND m.id <> ? AND m.status <> 'LEFT_OUT'"
                        + " AND (b.id = ? OR b.migration_id = (SELECT migration_id FROM mf_batch WHERE id = ?))"
                        + " ORDER BY m.source_address",
                String.class,
                address,
                mailboxId,
                batchId,
                batchId);
        if (!sharing.isEmpty()) {
            return new Routing(
                    null,
                    sourceAddress + " and " + String.join(", ", sharing) + " all reach the cloud mailbox " + address
                            + ": leave out every entry that is not that user's, so that no one's mail goes to"
                            + " another person");
        }
        return new Routing(address, null);
    }

    /** All at once: a batch of 2,000 costs Graph a listing of the users, not 2,000 look-ups. */
    private void lookUpUnknown(long batchId) {
        List<String> unknown = jdbc.queryForList(
                "SELECT source_address FROM mf_batch_mailbox WHERE batch_id = ? AND cloud_address IS NULL"
                        + " AND status <> 'LEFT_OUT' ORDER BY id",
                String.class,
                batchId);
        if (unknown.isEmpty()) {
            return;
        }
        tenant.cloudRoutingAddresses(unknown)
                .forEach((source, cloud) -> jdbc.update(
                        "UPDATE mf_batch_mailbox SET cloud_address = ? WHERE batch_id = ? AND source_address = ?",
                        cloud,
                        batchId,
                        source));
    }
}

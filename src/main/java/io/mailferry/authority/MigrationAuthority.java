package io.mailferry.authority;

import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.tenant.TenantNames;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The migration's own record of what it may act on (mf_migration and the batches' migration_id), keyed by the
 * migration's root process instance id. Written once a value is validated, read on every use, and never filled from
 * a process variable without that validation.
 */
@Service
public class MigrationAuthority {
    private final JdbcTemplate jdbc;

    public MigrationAuthority(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A migration starts: its domain is validated once and kept; it cannot change afterwards. Idempotent for the same
     * domain (a retried start); IllegalArgumentException (naming the domain) when it is no domain name.
     *
     * @return the domain as kept, trimmed and lower-case
     */
    public String open(String migrationId, String domain) {
        String valid = TenantNames.domain(domain);
        try {
            jdbc.update(
                    "INSERT INTO mf_migration (process_instance_id, domain, created_at) VALUES (?, ?, ?)",
                    migrationId,
                    valid,
                    OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        } catch (DuplicateKeyException again) {
            String kept = domain(migrationId);
            if (!kept.equals(valid)) {
                throw new NotThisMigrationException(
                        "Migration " + migrationId + " is about " + kept + "; its domain cannot change");
            }
        }
        return valid;
    }

    /** The domain validated when the migration started. */
    public String domain(String migrationId) {
        return jdbc
                .query(
                        "SELECT domain FROM mf_migration WHERE process_instance_id = ?",
                        (rs, n) -> rs.getString(1),
                        migrationId)
                .stream()
                .findFirst()
                .orElseThrow(() -> notAMigration(migrationId));
    }

    /** The source server the operator confirmed and Mailferry tested: the only one its credentials go to. */
    public void recordSourceServer(String migrationId, ImapServer server) {
        requireRow(
                jdbc.update(
                        "UPDATE mf_migration SET source_host = ?, source_port = ?, source_security = ? "
                                + "WHERE process_instance_id = ?",
                        server.host(),
                        server.port(),
                        server.security().name(),
                        migrationId),
                migrationId);
    }

    /** The recorded source server, or empty before the server step passed. */
    public Optional<ImapServer> sourceServer(String migrationId) {
        domain(migrationId);
        return jdbc
                .query(
                        "SELECT source_host, source_port, source_security FROM mf_migration "
                                + "WHERE process_instance_id = ? AND source_host IS NOT NULL",
                        (rs, n) -> new ImapServer(rs.getString(1), rs.getInt(2), ImapSecurity.valueOf(rs.getString(3))),
                        migrationId)
                .stream()
                .findFirst();
    }

    /** The migration endpoint this migration created: the only one it may correct, and the batches' source. */
    public void recordSourceEndpoint(String migrationId, long endpointId) {
        requireRow(
                jdbc.update(
                        "UPDATE mf_migration SET source_endpoint_id = ? WHERE process_instance_id = ?",
                        endpointId,
                        migrationId),
                migrationId);
    }

    /** The endpoint this migration created, or empty before it created one. */
    public Optional<Long> sourceEndpoint(String migrationId) {
        return Optional.ofNullable(column(migrationId, "source_endpoint_id"));
    }

    /** The mailbox list the operator named and the list check accepted. */
    public void recordMailboxList(String migrationId, long listId) {
        requireRow(
                jdbc.update(
                        "UPDATE mf_migration SET mailbox_list_id = ? WHERE process_instance_id = ?",
                        listId,
                        migrationId),
                migrationId);
    }

    /** The accepted mailbox list, or empty before one was accepted. */
    public Optional<Long> mailboxList(String migrationId) {
        return Optional.ofNullable(column(migrationId, "mailbox_list_id"));
    }

    /** The migration has just created {@code batchId}: from now on only it may act on the batch. */
    public void claimBatch(String migrationId, long batchId) {
        domain(migrationId);
        jdbc.update("UPDATE mf_batch SET migration_id = ? WHERE id = ? AND migration_id IS NULL", migrationId, batchId);
        requireBatch(migrationId, batchId);
    }

    /** {@code batchId} when this migration created it; NotThisMigrationException otherwise. */
    public long requireBatch(String migrationId, long batchId) {
        requireOwner(
                migrationId,
                "SELECT migration_id FROM mf_batch WHERE id = ?",
                batchId,
                "Batch " + batchId + " was not created by this migration");
        return batchId;
    }

    /** {@code mailboxId} when it is in a batch this migration created; NotThisMigrationException otherwise. */
    public long requireMailbox(String migrationId, long mailboxId) {
        requireOwner(
                migrationId,
                "SELECT b.migration_id FROM mf_batch_mailbox m JOIN mf_batch b ON b.id = m.batch_id WHERE m.id = ?",
                mailboxId,
                "Mailbox " + mailboxId + " is not in a batch of this migration");
        return mailboxId;
    }

    private void requireOwner(String migrationId, String ownerQuery, long id, String refusal) {
        List<String> owner = jdbc.query(ownerQuery, (rs, n) -> rs.getString(1), id);
        if (owner.isEmpty() || !migrationId.equals(owner.get(0))) {
            throw new NotThisMigrationException(
                    refusal + " (" + migrationId + "); a step acts only on what its own migration created");
        }
    }

    private Long column(String migrationId, String column) {
        domain(migrationId);
        // the column name is one of this class's constants, never input
        return jdbc.queryForObject(
                "SELECT " + column + " FROM mf_migration WHERE process_instance_id = ?", Long.class, migrationId);
    }

    private static void requireRow(int updated, String migrationId) {
        if (updated == 0) {
            throw notAMigration(migrationId);
        }
    }

    private static NotThisMigrationException notAMigration(String migrationId) {
        return new NotThisMigrationException("Process instance " + migrationId + " is no migration Mailferry"
                + " started: steps that change endpoints, batches or DNS run only inside a CutoverMigration or"
                + " StagedMigration");
    }
}

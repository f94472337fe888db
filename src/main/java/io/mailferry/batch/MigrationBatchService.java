package io.mailferry.batch;

import io.mailferry.text.Fit;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Creates migration batches and keeps each mailbox's status; the sync engine and the runbooks both report here. */
@Service
public class MigrationBatchService {
    private static final String MAILBOX_COLUMNS =
            "id, batch_id, source_address, target_address, status, last_synced_at, last_error";
    /** Widths of the text columns (V2__batches.sql): PostgreSQL and H2 refuse a longer value. */
    private static final int NAME_WIDTH = 200;

    private static final int DOMAIN_WIDTH = 255;
    private static final int ADDRESS_WIDTH = 320;
    private static final int ERROR_WIDTH = 2000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MigrationBatchService(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** Creates the batch with every address QUEUED, all or nothing; the target address equals the source address. */
    public long createBatch(
            String name, String domain, long sourceEndpointId, long targetEndpointId, List<String> sourceAddresses) {
        requireText(name, "Batch name");
        requireText(domain, "Domain");
        List<String> addresses = distinctAddresses(sourceAddresses);
        Long id = tx.execute(status -> {
            long batchId = insertBatch(
                    Fit.column(name.trim(), NAME_WIDTH),
                    Fit.column(domain.trim(), DOMAIN_WIDTH),
                    sourceEndpointId,
                    targetEndpointId);
            jdbc.batchUpdate(
                    "INSERT INTO mf_batch_mailbox (batch_id, source_address, target_address, status) "
                            + "VALUES (?, ?, ?, ?)",
                    addresses,
                    100,
                    (ps, address) -> {
                        ps.setLong(1, batchId);
                        ps.setString(2, address);
                        ps.setString(3, address);
                        ps.setString(4, MailboxStatus.QUEUED.name());
                    });
            return batchId;
        });
        return Objects.requireNonNull(id);
    }

    public MigrationBatch batch(long batchId) {
        List<MigrationBatch> rows = jdbc.query(
                "SELECT id, name, domain, source_endpoint_id, target_endpoint_id, "
                        + "created_at, final_sync_requested, deleted_at FROM mf_batch WHERE id = ?",
                (rs, n) -> new MigrationBatch(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        instant(rs, 6),
                        rs.getBoolean(7),
                        instant(rs, 8)),
                batchId);
        if (rows.isEmpty()) {
            throw new BatchNotFoundException("There is no migration batch with id " + batchId);
        }
        return rows.get(0);
    }

    public List<Long> mailboxIds(long batchId) {
        batch(batchId);
        return jdbc.queryForList("SELECT id FROM mf_batch_mailbox WHERE batch_id = ? ORDER BY id", Long.class, batchId);
    }

    public List<BatchMailbox> mailboxes(long batchId) {
        batch(batchId);
        return jdbc.query(
                "SELECT " + MAILBOX_COLUMNS + " FROM mf_batch_mailbox WHERE batch_id = ? ORDER BY id",
                MigrationBatchService::mailboxRow,
                batchId);
    }

    /** The Microsoft 365 addresses of the batch's mailboxes that completed their migration. */
    public List<String> migratedAddresses(long batchId) {
        return mailboxes(batchId).stream()
                .filter(m -> m.status() == MailboxStatus.COMPLETED)
                .map(BatchMailbox::targetAddress)
                .toList();
    }

    public BatchMailbox mailbox(long mailboxId) {
        List<BatchMailbox> rows = jdbc.query(
                "SELECT " + MAILBOX_COLUMNS + " FROM mf_batch_mailbox WHERE id = ?",
                MigrationBatchService::mailboxRow,
                mailboxId);
        if (rows.isEmpty()) {
            throw new BatchNotFoundException("There is no batch mailbox with id " + mailboxId);
        }
        return rows.get(0);
    }

    /**
     * Sets the status; SYNCED and COMPLETED mean a pass just finished, so they also stamp last_synced_at.
     * The error is kept for the operator (null clears it).
     */
    /**
     * Like {@link #markStatus} but committed at once, outside the caller's transaction: a failed sync job rolls back,
     * and the operator must still see that the mailbox is syncing or why it failed.
     */
    public void markStatusNow(long mailboxId, MailboxStatus status, String error) {
        separately(() -> markStatus(mailboxId, status, error));
    }

    /**
     * Takes the mailbox for a sync slice run by {@code owner} until {@code until}, committed at once; false while
     * another run holds an unexpired lease (on this node or another).
     */
    public boolean takeSyncLease(long mailboxId, String owner, Instant now, Instant until) {
        int[] taken = new int[1];
        separately(() -> taken[0] = jdbc.update(
                "UPDATE mf_batch_mailbox SET sync_lease_until = ?, sync_lease_owner = ? WHERE id = ? "
                        + "AND (sync_lease_until IS NULL OR sync_lease_until < ?)",
                utc(until),
                owner,
                mailboxId,
                utc(now)));
        return taken[0] == 1;
    }

    /**
     * Extends the lease {@code owner} holds, committed at once (call it from outside any transaction); false when
     * the lease is no longer theirs — it ran out and another run took the mailbox.
     */
    public boolean renewSyncLease(long mailboxId, String owner, Instant until) {
        int[] renewed = new int[1];
        separately(() -> renewed[0] = jdbc.update(
                "UPDATE mf_batch_mailbox SET sync_lease_until = ? WHERE id = ? AND sync_lease_owner = ?",
                utc(until),
                mailboxId,
                owner));
        return renewed[0] == 1;
    }

    /**
     * In the caller's transaction, which may already hold the row (the slice's status): a separate one would wait
     * for it. Should the caller roll back, the lease simply runs out.
     */
    public void releaseSyncLease(long mailboxId) {
        jdbc.update(
                "UPDATE mf_batch_mailbox SET sync_lease_until = NULL, sync_lease_owner = NULL WHERE id = ?", mailboxId);
    }

    /** A lease time as the database keeps it: an instant with its zone (UTC), the same on every node. */
    public static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** Runs {@code work} in its own transaction, committed whatever becomes of the caller's (a failing job's). */
    public void separately(Runnable work) {
        TransactionTemplate separate = new TransactionTemplate(tx.getTransactionManager());
        separate.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        separate.executeWithoutResult(t -> work.run());
    }

    public void markStatus(long mailboxId, MailboxStatus status, String error) {
        markStatus(mailboxId, status, error, Instant.now());
    }

    /**
     * As {@link #markStatus(long, MailboxStatus, String)}; a finished pass records {@code syncedAsOf} as the last
     * synced time: the moment the pass *started*, since only mail that was there when a folder was scanned is
     * certainly copied. The staged runbook's deletion rule compares it with the moment mail began routing to the cloud.
     */
    public void markStatus(long mailboxId, MailboxStatus status, String error, Instant syncedAsOf) {
        Objects.requireNonNull(status, "status");
        String trimmed = Fit.column(error, ERROR_WIDTH);
        boolean passFinished = status == MailboxStatus.SYNCED || status == MailboxStatus.COMPLETED;
        int updated = passFinished
                ? jdbc.update(
                        "UPDATE mf_batch_mailbox SET status = ?, last_error = ?, last_synced_at = ? WHERE id = ?",
                        status.name(),
                        trimmed,
                        Timestamp.from(syncedAsOf),
                        mailboxId)
                : jdbc.update(
                        "UPDATE mf_batch_mailbox SET status = ?, last_error = ? WHERE id = ?",
                        status.name(),
                        trimmed,
                        mailboxId);
        if (updated == 0) {
            throw new BatchNotFoundException("There is no batch mailbox with id " + mailboxId);
        }
    }

    public BatchProgress progress(long batchId) {
        List<BatchMailbox> all = mailboxes(batchId);
        Map<MailboxStatus, Integer> counts = new LinkedHashMap<>();
        Instant oldest = null;
        boolean neverSynced = false;
        for (BatchMailbox m : all) {
            counts.merge(m.status(), 1, Integer::sum);
            if (m.lastSyncedAt() == null) {
                neverSynced = true;
            } else if (oldest == null || m.lastSyncedAt().isBefore(oldest)) {
                oldest = m.lastSyncedAt();
            }
        }
        return new BatchProgress(
                all.size(),
                counts.getOrDefault(MailboxStatus.QUEUED, 0),
                counts.getOrDefault(MailboxStatus.SYNCING, 0),
                counts.getOrDefault(MailboxStatus.SYNCED, 0),
                counts.getOrDefault(MailboxStatus.FAILED, 0),
                counts.getOrDefault(MailboxStatus.COMPLETED, 0),
                counts.getOrDefault(MailboxStatus.LEFT_OUT, 0),
                neverSynced ? null : oldest);
    }

    /**
     * Records the final-sync request on the batch and on the given mailboxes of it (a group, or every one), in the
     * caller's transaction. Each mailbox row that a sync slice holds (its job has not committed yet) makes this wait
     * for that slice; see {@link #finalSyncRequested}. A mailbox of another batch is left alone.
     */
    public void requestFinalSync(long batchId, List<Long> mailboxIds) {
        batch(batchId);
        jdbc.batchUpdate(
                "UPDATE mf_batch_mailbox SET final_sync_requested = ? WHERE batch_id = ? AND id = ?",
                mailboxIds.stream().map(id -> new Object[] {true, batchId, id}).toList());
        // the shared batch row last, so that it is held only for the end of the group's transaction
        jdbc.update("UPDATE mf_batch SET final_sync_requested = ? WHERE id = ?", true, batchId);
    }

    /**
     * Whether the final sync was requested for the mailbox, read with its row locked until the caller's transaction
     * ends. A sync slice reads this as its last step before its job commits and the mailbox starts listening for the
     * request; {@link #requestFinalSync} updates the same row before the request is sent. Whichever comes second
     * waits for the first, so a mailbox either sees the flag or is listening when the message is correlated.
     * Only the mailbox's own row is locked — a slice already holds it — so slices of one batch never wait for each
     * other (locking the shared batch row deadlocked them on PostgreSQL).
     */
    public boolean finalSyncRequested(long mailboxId) {
        List<Boolean> flag = jdbc.queryForList(
                "SELECT final_sync_requested FROM mf_batch_mailbox WHERE id = ? FOR UPDATE", Boolean.class, mailboxId);
        if (flag.isEmpty()) {
            throw new BatchNotFoundException("There is no batch mailbox with id " + mailboxId);
        }
        return flag.get(0);
    }

    /** Soft delete: the rows stay for the record, but the sync engine refuses to run for a deleted batch. */
    public void deleteBatch(long batchId) {
        batch(batchId);
        jdbc.update(
                "UPDATE mf_batch SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                Timestamp.from(Instant.now()),
                batchId);
    }

    private long insertBatch(String name, String domain, long sourceEndpointId, long targetEndpointId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO mf_batch (name, domain, source_endpoint_id, "
                                    + "target_endpoint_id, created_at, final_sync_requested) VALUES (?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, name);
                    ps.setString(2, domain);
                    ps.setLong(3, sourceEndpointId);
                    ps.setLong(4, targetEndpointId);
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    ps.setBoolean(6, false);
                    return ps;
                },
                keys);
        return Objects.requireNonNull(keys.getKey(), "generated batch id").longValue();
    }

    private static List<String> distinctAddresses(List<String> sourceAddresses) {
        if (sourceAddresses == null || sourceAddresses.isEmpty()) {
            throw new IllegalArgumentException("A migration batch needs at least one mailbox address");
        }
        // Exchange treats addresses case-insensitively, so "A@x" and "a@x" are the same mailbox.
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String raw : sourceAddresses) {
            String address = raw == null ? "" : raw.trim();
            if (address.indexOf('@') < 1 || address.indexOf('@') == address.length() - 1) {
                throw new IllegalArgumentException("'" + address + "' is not a mailbox address (user@domain)");
            }
            // cut, an address would name another mailbox
            if (address.length() > ADDRESS_WIDTH) {
                throw new IllegalArgumentException("'" + Fit.cut(address, 80) + "' is longer than the " + ADDRESS_WIDTH
                        + " characters a mailbox address can have");
            }
            byKey.putIfAbsent(address.toLowerCase(Locale.ROOT), address);
        }
        return new ArrayList<>(byKey.values());
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    private static BatchMailbox mailboxRow(ResultSet rs, int n) throws SQLException {
        return new BatchMailbox(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                MailboxStatus.valueOf(rs.getString(5)),
                instant(rs, 6),
                rs.getString(7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}

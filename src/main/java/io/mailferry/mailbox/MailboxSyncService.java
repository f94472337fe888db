package io.mailferry.mailbox;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatch;
import io.mailferry.batch.MigrationBatchService;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Synchronises a batch mailbox from its source endpoint to its target endpoint in bounded slices. A slice may
 * stop anywhere between two messages; the next one resumes from the recorded state, never copying twice.
 */
@Service
public class MailboxSyncService {
    private static final Logger log = LoggerFactory.getLogger(MailboxSyncService.class);
    /** Renews the leases of the slices running on this node. */
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mailferry-lease-renewal");
        t.setDaemon(true);
        return t;
    });

    private final MigrationBatchService batches;
    private final MigrationEndpointService endpoints;
    private final SyncStateStore state;
    private final MailboxSync engine;
    private final SyncStatistics statistics;
    private final EndpointSlots slots;
    private final SyncMetrics metrics;
    private final int maxPerEndpoint;
    private final Duration endpointWait;
    private final Duration lease;
    private final Clock clock;

    @Autowired
    public MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties,
            SyncMetrics metrics,
            @Value("${camunda.bpm.job-execution.lock-time-in-millis:300000}") long jobLockMillis) {
        this(jdbc, batches, endpoints, properties, metrics, Duration.ofMillis(jobLockMillis), Clock.systemUTC());
    }

    /** Meters that nobody reads and the engine's default job lock: for tests. */
    MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties) {
        this(
                jdbc,
                batches,
                endpoints,
                properties,
                SyncMetrics.unregistered(),
                Duration.ofMinutes(5),
                Clock.systemUTC());
    }

    MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties,
            SyncMetrics metrics,
            Duration jobLock,
            Clock clock) {
        this.batches = batches;
        this.endpoints = endpoints;
        this.state = new SyncStateStore(jdbc);
        this.engine = new MailboxSync(
                jdbc,
                new SyncOptions(
                        properties.maxMessageSize().toBytes(),
                        properties.parallelFolders(),
                        properties.mirrorDeletions()),
                clock);
        this.statistics = new SyncStatistics(jdbc);
        this.metrics = metrics;
        this.slots = new EndpointSlots(jdbc, batches::separately, properties.maxMailboxesPerEndpoint(), clock, metrics);
        this.maxPerEndpoint = properties.maxMailboxesPerEndpoint();
        this.endpointWait = properties.endpointWait();
        this.lease = leaseFor(jobLock);
        this.clock = clock;
    }

    /**
     * Longer than the engine's job lock, so that a job started again after its lock ran out finds the first run's
     * lease still there, and renewed while the slice runs, so that a slice longer than its budget (one huge message)
     * keeps the mailbox; a node that died gives it back when the lease runs out.
     */
    static Duration leaseFor(Duration jobLock) {
        return jobLock.plus(jobLock.dividedBy(2));
    }

    /** Copies for about {@code budget} (checked between messages), then returns; complete=false if more remains. */
    public SliceResult syncSlice(long batchMailboxId, SyncPass pass, Duration budget) {
        BatchMailbox mailbox = batches.mailbox(batchMailboxId);
        MigrationBatch batch = batches.batch(mailbox.batchId());
        if (batch.deleted()) {
            throw new MailboxSyncException("Batch '" + batch.name() + "' was deleted at " + batch.deletedAt()
                    + "; synchronisation of " + mailbox.sourceAddress() + " has stopped");
        }
        // The wait for a turn counts against the budget: the job's lock started when the job did.
        Instant deadline = clock.instant().plus(budget);
        String owner = UUID.randomUUID().toString();
        if (!takeLease(mailbox, owner)) {
            log.warn(
                    "{} of {} waited {} in vain: another slice still holds the mailbox",
                    pass,
                    mailbox.sourceAddress(),
                    endpointWait);
            metrics.slice(pass, SyncMetrics.SliceOutcome.MAILBOX_BUSY);
            return new SliceResult(false, 0, 0, 0, 0, 0, 0);
        }
        AtomicBoolean leaseLost = new AtomicBoolean();
        ScheduledFuture<?> renewal = RENEWALS.scheduleAtFixedRate(
                () -> renew(mailbox, owner, leaseLost),
                lease.toMillis() / 4,
                lease.toMillis() / 4,
                TimeUnit.MILLISECONDS);
        try {
            boolean turn = slots.acquire(
                    batch.sourceEndpointId(),
                    batch.targetEndpointId(),
                    owner,
                    clock.instant().plus(lease),
                    endpointWait);
            if (!turn) {
                log.info(
                        "{} of {} waits: {} mailboxes already sync against one of its endpoints",
                        pass,
                        mailbox.sourceAddress(),
                        maxPerEndpoint);
                metrics.slice(pass, SyncMetrics.SliceOutcome.NO_TURN);
                return new SliceResult(false, 0, 0, 0, 0, 0, 0);
            }
            return syncSliceInTurn(mailbox, batch, pass, deadline, leaseLost::get);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxSyncException("Interrupted while waiting for a turn on the endpoints", e);
        } finally {
            renewal.cancel(false);
            slots.release(owner);
            if (!leaseLost.get()) {
                batches.releaseSyncLease(mailbox.id());
            }
        }
    }

    /**
     * Takes the mailbox's lease, waiting as long as for a turn on the endpoints while another slice holds it — a slice
     * of a node that stopped or died keeps it until it runs out. Returning at once would only start the next slice
     * at once: a loop of empty jobs, each with its history, until the lease ends.
     */
    private boolean takeLease(BatchMailbox mailbox, String owner) {
        Instant giveUp = clock.instant().plus(endpointWait);
        while (!batches.takeSyncLease(
                mailbox.id(), owner, clock.instant(), clock.instant().plus(lease))) {
            Duration left = Duration.between(clock.instant(), giveUp);
            if (left.isNegative() || left.isZero()) {
                return false;
            }
            try {
                Thread.sleep(Math.max(1, Math.min(EndpointSlots.POLL.toMillis() * 2, left.toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MailboxSyncException("Interrupted while waiting for " + mailbox.sourceAddress(), e);
            }
        }
        return true;
    }

    private void renew(BatchMailbox mailbox, String owner, AtomicBoolean leaseLost) {
        try {
            Instant until = clock.instant().plus(lease);
            if (!batches.renewSyncLease(mailbox.id(), owner, until)) {
                leaseLost.set(true);
                log.warn(
                        "The sync of {} lost its lease (another run took the mailbox); it stops after this message",
                        mailbox.sourceAddress());
                return;
            }
            slots.renew(owner, until);
        } catch (RuntimeException e) {
            // the next renewal tries again; the lease lasts longer than several renewal periods
            log.warn("Renewing the sync lease of {} failed: {}", mailbox.sourceAddress(), e.getMessage());
        }
    }

    private SliceResult syncSliceInTurn(
            BatchMailbox mailbox, MigrationBatch batch, SyncPass pass, Instant deadline, BooleanSupplier leaseLost) {
        long batchMailboxId = mailbox.id();
        Instant started = clock.instant();
        batches.markStatusNow(batchMailboxId, MailboxStatus.SYNCING, null);
        SliceResult result;
        try {
            MigrationEndpoint source = endpoints.endpoint(batch.sourceEndpointId());
            MigrationEndpoint target = endpoints.endpoint(batch.targetEndpointId());
            result = TokenRenewal.run(
                    engine,
                    batchMailboxId,
                    renew -> endpoints.connect(source, mailbox.sourceAddress()),
                    renew -> renew
                            ? endpoints.reconnect(target, mailbox.targetAddress())
                            : endpoints.connect(target, mailbox.targetAddress()),
                    deadline,
                    leaseLost,
                    target.loginMode() == LoginMode.XOAUTH2 ? TokenRenewal.MAX_RENEWALS : 0);
        } catch (MailboxUnavailableException e) {
            fail(batchMailboxId, pass, started, e.getMessage());
            throw e;
        } catch (MessagingException | RuntimeException e) {
            String message = "Synchronising " + mailbox.sourceAddress() + " -> " + mailbox.targetAddress() + " failed: "
                    + e.getMessage();
            fail(batchMailboxId, pass, started, message);
            throw new MailboxSyncException(message, e);
        }
        if (leaseLost.getAsBoolean()) {
            // another run owns the mailbox now: its status and statistics are its own to write
            log.warn("{} slice of {} stopped: its lease was lost", pass, mailbox.sourceAddress());
            return new SliceResult(
                    false,
                    result.messagesCopied(),
                    result.flagsUpdated(),
                    result.skipped(),
                    result.bytes(),
                    result.foldersUnchanged(),
                    result.deleted());
        }
        statistics.recordSlice(batchMailboxId, pass, started, clock.instant(), result);
        metrics.sliceEnded(pass, result);
        if (result.complete()) {
            batches.markStatus(
                    batchMailboxId,
                    pass == SyncPass.FINAL ? MailboxStatus.COMPLETED : MailboxStatus.SYNCED,
                    null,
                    statistics.passStartedAt(batchMailboxId, pass).orElse(started));
        }
        log.info(
                "{} slice of {}: complete={}, copied={}, flags={}, skipped={}, bytes={}, unchanged folders={}",
                pass,
                mailbox.sourceAddress(),
                result.complete(),
                result.messagesCopied(),
                result.flagsUpdated(),
                result.skipped(),
                result.bytes(),
                result.foldersUnchanged());
        return result;
    }

    /** Committed on its own: the job's transaction is about to roll back, and the operator must see why. */
    private void fail(long batchMailboxId, SyncPass pass, Instant started, String message) {
        Instant ended = clock.instant();
        metrics.slice(pass, SyncMetrics.SliceOutcome.FAILED);
        batches.separately(() -> {
            batches.markStatus(batchMailboxId, MailboxStatus.FAILED, message);
            statistics.recordFailure(batchMailboxId, pass, started, ended, message);
        });
    }

    /** Live counts per folder (STATUS on both sides) and the skipped messages recorded for each source folder. */
    public List<FolderReport> folderReport(long batchMailboxId) {
        return withSkipped(batchMailboxId, folderCounts(batchMailboxId));
    }

    /** Live message counts of each source folder and its target folder (a STATUS or SELECT per folder and server). */
    List<FolderCount> folderCounts(long batchMailboxId) {
        BatchMailbox mailbox = batches.mailbox(batchMailboxId);
        MigrationBatch batch = batches.batch(mailbox.batchId());
        try (IMAPStore source =
                        endpoints.connect(endpoints.endpoint(batch.sourceEndpointId()), mailbox.sourceAddress());
                IMAPStore target =
                        endpoints.connect(endpoints.endpoint(batch.targetEndpointId()), mailbox.targetAddress())) {
            List<FolderCount> counts = new ArrayList<>();
            for (FolderPlan.Pair pair : FolderPlan.plan(source, target)) {
                Folder targetFolder = target.getFolder(pair.targetName());
                counts.add(new FolderCount(
                        pair.sourceName(),
                        pair.targetName(),
                        pair.source().getMessageCount(),
                        targetFolder.exists() ? targetFolder.getMessageCount() : 0));
            }
            return counts;
        } catch (MessagingException e) {
            throw new MailboxSyncException(
                    "Cannot count the folders of " + mailbox.sourceAddress() + ": " + e.getMessage(), e);
        }
    }

    /** {@code counts} with the messages of each source folder that were deliberately not copied, and why. */
    List<FolderReport> withSkipped(long batchMailboxId, List<FolderCount> counts) {
        List<SyncStateStore.Skipped> skipped = state.skipped(batchMailboxId);
        return counts.stream()
                .map(count -> {
                    List<String> reasons = skipped.stream()
                            .filter(s -> s.sourceFolder().equals(count.sourceFolder()))
                            .map(s -> "UID " + s.sourceUid() + ": " + s.reason())
                            .toList();
                    return new FolderReport(
                            count.sourceFolder(),
                            count.targetFolder(),
                            count.sourceMessages(),
                            count.targetMessages(),
                            reasons.size(),
                            reasons);
                })
                .toList();
    }

    EndpointSlots slots() {
        return slots;
    }

    /** Statistics per pass of one batch mailbox, like Get-MigrationUserStatistics. */
    public List<PassStatistics> statistics(long batchMailboxId) {
        return statistics.forMailbox(batchMailboxId);
    }
}

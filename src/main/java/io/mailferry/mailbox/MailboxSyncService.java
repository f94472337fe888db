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
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Synchronises a batch mailbox from its source endpoint to its target endpoint in bounded slices. A slice may
 * stop anywhere between two messages; the next one resumes from the recorded state, never copying twice.
 */
@Service
public class MailboxSyncService {
    private static final Logger log = LoggerFactory.getLogger(MailboxSyncService.class);
    /** The engine checks its deadline between messages; one large message may run over it by this much. */
    private static final Duration LEASE_MARGIN = Duration.ofMinutes(2);

    private final MigrationBatchService batches;
    private final MigrationEndpointService endpoints;
    private final SyncStateStore state;
    private final MailboxSync engine;
    private final SyncStatistics statistics;
    private final EndpointLimiter limiter;
    private final SyncMetrics metrics;
    private final int maxPerEndpoint;
    private final Duration endpointWait;
    private final Clock clock;

    @Autowired
    public MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties,
            SyncMetrics metrics) {
        this(jdbc, batches, endpoints, properties, metrics, Clock.systemUTC());
    }

    /** Meters that nobody reads: for tests. */
    MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties) {
        this(jdbc, batches, endpoints, properties, SyncMetrics.unregistered(), Clock.systemUTC());
    }

    MailboxSyncService(
            JdbcTemplate jdbc,
            MigrationBatchService batches,
            MigrationEndpointService endpoints,
            SyncProperties properties,
            SyncMetrics metrics,
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
        this.limiter = new EndpointLimiter(properties.maxMailboxesPerEndpoint(), metrics);
        this.maxPerEndpoint = properties.maxMailboxesPerEndpoint();
        this.endpointWait = properties.endpointWait();
        this.clock = clock;
    }

    /** Copies for about {@code budget} (checked between messages), then returns; complete=false if more remains. */
    public SliceResult syncSlice(long batchMailboxId, SyncPass pass, Duration budget) {
        BatchMailbox mailbox = batches.mailbox(batchMailboxId);
        MigrationBatch batch = batches.batch(mailbox.batchId());
        if (batch.deleted()) {
            throw new MailboxSyncException("Batch '" + batch.name() + "' was deleted at " + batch.deletedAt()
                    + "; synchronisation of " + mailbox.sourceAddress() + " has stopped");
        }
        Instant asked = clock.instant();
        try (AutoCloseable turn = limiter.acquire(batch.sourceEndpointId(), batch.targetEndpointId(), endpointWait)) {
            if (turn == null) {
                log.info(
                        "{} of {} waits: {} mailboxes already sync against its endpoints on this node",
                        pass,
                        mailbox.sourceAddress(),
                        maxPerEndpoint);
                metrics.slice(pass, SyncMetrics.SliceOutcome.NO_TURN);
                return new SliceResult(false, 0, 0, 0, 0, 0, 0);
            }
            // The wait for a turn counts against the budget: the job's lock started when the job did.
            Instant deadline = asked.plus(budget);
            if (!batches.takeSyncLease(mailbox.id(), clock.instant(), deadline.plus(LEASE_MARGIN))) {
                log.warn("{} of {} skipped: another slice still holds the mailbox", pass, mailbox.sourceAddress());
                metrics.slice(pass, SyncMetrics.SliceOutcome.MAILBOX_BUSY);
                return new SliceResult(false, 0, 0, 0, 0, 0, 0);
            }
            try {
                return syncSliceInTurn(mailbox, batch, pass, deadline);
            } finally {
                batches.releaseSyncLease(mailbox.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailboxSyncException("Interrupted while waiting for a turn on the endpoints", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SliceResult syncSliceInTurn(BatchMailbox mailbox, MigrationBatch batch, SyncPass pass, Instant deadline) {
        long batchMailboxId = mailbox.id();
        Instant started = clock.instant();
        batches.markStatusNow(batchMailboxId, MailboxStatus.SYNCING, null);
        SliceResult result;
        try (IMAPStore source =
                        endpoints.connect(endpoints.endpoint(batch.sourceEndpointId()), mailbox.sourceAddress());
                IMAPStore target =
                        endpoints.connect(endpoints.endpoint(batch.targetEndpointId()), mailbox.targetAddress())) {
            result = engine.run(batchMailboxId, source, target, deadline);
        } catch (MailboxUnavailableException e) {
            fail(batchMailboxId, pass, started, e.getMessage());
            throw e;
        } catch (MessagingException | RuntimeException e) {
            String message = "Synchronising " + mailbox.sourceAddress() + " -> " + mailbox.targetAddress() + " failed: "
                    + e.getMessage();
            fail(batchMailboxId, pass, started, message);
            throw new MailboxSyncException(message, e);
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
        BatchMailbox mailbox = batches.mailbox(batchMailboxId);
        MigrationBatch batch = batches.batch(mailbox.batchId());
        List<SyncStateStore.Skipped> skipped = state.skipped(batchMailboxId);
        try (IMAPStore source =
                        endpoints.connect(endpoints.endpoint(batch.sourceEndpointId()), mailbox.sourceAddress());
                IMAPStore target =
                        endpoints.connect(endpoints.endpoint(batch.targetEndpointId()), mailbox.targetAddress())) {
            List<FolderReport> reports = new ArrayList<>();
            for (FolderPlan.Pair pair : FolderPlan.plan(source, target)) {
                Folder targetFolder = target.getFolder(pair.targetName());
                int targetCount = targetFolder.exists() ? targetFolder.getMessageCount() : 0;
                List<String> reasons = skipped.stream()
                        .filter(s -> s.sourceFolder().equals(pair.sourceName()))
                        .map(s -> "UID " + s.sourceUid() + ": " + s.reason())
                        .toList();
                reports.add(new FolderReport(
                        pair.sourceName(),
                        pair.targetName(),
                        pair.source().getMessageCount(),
                        targetCount,
                        reasons.size(),
                        reasons));
            }
            return reports;
        } catch (MessagingException e) {
            throw new MailboxSyncException(
                    "Cannot count the folders of " + mailbox.sourceAddress() + ": " + e.getMessage(), e);
        }
    }

    EndpointLimiter limiter() {
        return limiter;
    }

    /** Statistics per pass of one batch mailbox, like Get-MigrationUserStatistics. */
    public List<PassStatistics> statistics(long batchMailboxId) {
        return statistics.forMailbox(batchMailboxId);
    }
}

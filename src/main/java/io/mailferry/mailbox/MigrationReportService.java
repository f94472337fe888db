package io.mailferry.mailbox;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailbox.ReportCounts.Counted;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The batch report an operator reviews after the initial sync: per mailbox and folder, source against target counts
 * and what was skipped and why — the counterpart of Exchange's migration user statistics.
 *
 * <p>Counting means a login and a STATUS per folder on both servers, about half a second a mailbox against fast
 * servers: 2,000 mailboxes are far more than one job may take. So the review counts a group of mailboxes per job
 * ({@link #countMailboxes}), keeps the counts ({@link ReportCounts}), and writes the report from them.
 */
@Service
public class MigrationReportService {
    private final MigrationBatchService batches;
    private final MailboxSyncService sync;
    private final ReportCounts counts;
    private final Clock clock;

    @Autowired
    public MigrationReportService(MigrationBatchService batches, MailboxSyncService sync, JdbcTemplate jdbc) {
        this(batches, sync, jdbc, Clock.systemUTC());
    }

    public MigrationReportService(
            MigrationBatchService batches, MailboxSyncService sync, JdbcTemplate jdbc, Clock clock) {
        this.batches = batches;
        this.sync = sync;
        this.counts = new ReportCounts(jdbc);
        this.clock = clock;
    }

    /**
     * One mailbox of the report. {@code error} is why the folders were not counted (a failed or left-out mailbox,
     * or its servers' answer), else null; {@code countedAt} is when they were counted.
     */
    public record MailboxReport(
            BatchMailbox mailbox,
            List<FolderReport> folders,
            String error,
            List<PassStatistics> passes,
            Instant countedAt) {
        public int sourceMessages() {
            return folders.stream().mapToInt(FolderReport::sourceMessages).sum();
        }

        public int targetMessages() {
            return folders.stream().mapToInt(FolderReport::targetMessages).sum();
        }

        public int skipped() {
            return folders.stream().mapToInt(FolderReport::skipped).sum();
        }
    }

    /**
     * Counts the folders of {@code mailboxIds}, mailboxes of batch {@code batchId}, on both servers and keeps the
     * counts, replacing what an earlier try kept. A mailbox whose servers cannot be counted keeps the servers' answer
     * instead; a failed or left-out mailbox is not counted (the stored reason says enough).
     */
    public void countMailboxes(long batchId, List<Long> mailboxIds) {
        for (long id : mailboxIds) {
            BatchMailbox mailbox = batches.mailbox(id);
            if (mailbox.batchId() != batchId) {
                throw new IllegalArgumentException(
                        "Batch mailbox " + id + " is not in batch " + batchId + ": its folders are not counted");
            }
            if (notCounted(mailbox)) {
                counts.forget(id);
            } else {
                counts.replace(id, countNow(mailbox));
            }
        }
    }

    /**
     * The report of every mailbox: as the review counted it where it did, counted now for the others (a mailbox
     * that was failing while the review counted, or a batch whose review has not counted yet).
     */
    public List<MailboxReport> report(long batchId) {
        return report(batchId, counts.ofBatch(batchId));
    }

    /** The report of every mailbox, counted now: a login and a STATUS per folder on both servers per mailbox. */
    public List<MailboxReport> liveReport(long batchId) {
        return report(batchId, Map.of());
    }

    private List<MailboxReport> report(long batchId, Map<Long, Counted> counted) {
        List<MailboxReport> reports = new ArrayList<>();
        for (BatchMailbox mailbox : batches.mailboxes(batchId)) {
            List<PassStatistics> passes = sync.statistics(mailbox.id());
            if (notCounted(mailbox)) {
                reports.add(new MailboxReport(mailbox, List.of(), mailbox.lastError(), passes, null));
                continue;
            }
            Counted count = counted.containsKey(mailbox.id()) ? counted.get(mailbox.id()) : countNow(mailbox);
            reports.add(new MailboxReport(
                    mailbox,
                    sync.withSkipped(mailbox.id(), count.folders()),
                    count.error(),
                    passes,
                    count.countedAt()));
        }
        return reports;
    }

    /** No IMAP round trip for a mailbox whose sync failed or that was left out: the stored reason says enough. */
    private static boolean notCounted(BatchMailbox mailbox) {
        return mailbox.status() == MailboxStatus.FAILED || mailbox.status() == MailboxStatus.LEFT_OUT;
    }

    private Counted countNow(BatchMailbox mailbox) {
        Instant now = clock.instant();
        try {
            return new Counted(now, sync.folderCounts(mailbox.id()), null);
        } catch (MailboxSyncException e) {
            return new Counted(now, List.of(), e.getMessage());
        }
    }

    /** Statistics of every pass of every mailbox of the batch, from our tables only (no IMAP round trip). */
    public Map<String, List<PassStatistics>> statistics(long batchId) {
        Map<String, List<PassStatistics>> result = new LinkedHashMap<>();
        for (BatchMailbox mailbox : batches.mailboxes(batchId)) {
            result.put(mailbox.sourceAddress(), sync.statistics(mailbox.id()));
        }
        return result;
    }

    /**
     * The report for the review form, in Markdown, never longer than {@link ReportMarkdown#MAX_MARKDOWN} characters
     * however large the batch ({@link ReportMarkdown}).
     */
    public String markdown(long batchId) {
        return ReportMarkdown.of(batchId, report(batchId));
    }
}

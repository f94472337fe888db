package io.mailferry.mailbox;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The batch report an operator reviews after the initial sync: per mailbox and folder, source against target counts
 * and what was skipped and why — the counterpart of Exchange's migration user statistics.
 */
@Service
public class MigrationReportService {
    private final MigrationBatchService batches;
    private final MailboxSyncService sync;

    public MigrationReportService(MigrationBatchService batches, MailboxSyncService sync) {
        this.batches = batches;
        this.sync = sync;
    }

    /** {@code error} is why the folders were not counted (a failed or left-out mailbox), else null. */
    public record MailboxReport(
            BatchMailbox mailbox, List<FolderReport> folders, String error, List<PassStatistics> passes) {
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

    public List<MailboxReport> report(long batchId) {
        List<MailboxReport> reports = new ArrayList<>();
        for (BatchMailbox mailbox : batches.mailboxes(batchId)) {
            // no IMAP round trip for a mailbox whose sync failed or that was left out: the stored reason says enough
            if (mailbox.status() == MailboxStatus.FAILED || mailbox.status() == MailboxStatus.LEFT_OUT) {
                reports.add(new MailboxReport(mailbox, List.of(), mailbox.lastError(), sync.statistics(mailbox.id())));
                continue;
            }
            try {
                reports.add(new MailboxReport(
                        mailbox, sync.folderReport(mailbox.id()), null, sync.statistics(mailbox.id())));
            } catch (MailboxSyncException e) {
                reports.add(new MailboxReport(mailbox, List.of(), e.getMessage(), sync.statistics(mailbox.id())));
            }
        }
        return reports;
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

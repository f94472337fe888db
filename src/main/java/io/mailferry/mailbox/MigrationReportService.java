package io.mailferry.mailbox;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The batch report an operator reviews after the initial sync: per mailbox and folder, source against target counts
 * and what was skipped and why — the counterpart of Exchange's migration user statistics.
 */
@Service
public class MigrationReportService {
    /** Camunda keeps String variables up to 4,000 characters; the full report is on /api/batches/{id}/report. */
    static final int MAX_MARKDOWN = 3_900;

    private static final int MAX_PASS_ROWS = 10;

    private final MigrationBatchService batches;
    private final MailboxSyncService sync;

    public MigrationReportService(MigrationBatchService batches, MailboxSyncService sync) {
        this.batches = batches;
        this.sync = sync;
    }

    /** {@code error} is why the folders could not be counted (a failed mailbox), else null. */
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
            if (mailbox.status() == MailboxStatus.FAILED) {
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

    /** Like Get-MigrationUserStatistics: per mailbox and pass, what was synced, how fast, and when. */
    private static String passTable(List<MailboxReport> reports) {
        StringBuilder out = new StringBuilder("\n| Mailbox | Pass | Synced | Skipped | Size | Duration | Rate | "
                + "Last synced (UTC) | Errors |\n|---|---|---:|---:|---:|---:|---:|---|---:|\n");
        int rows = 0;
        for (MailboxReport r : reports) {
            for (PassStatistics p : r.passes()) {
                if (++rows > MAX_PASS_ROWS) {
                    return out.append("| … | more passes in the full report | | | | | | | |\n")
                            .toString();
                }
                out.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %s | %.1f s | %.1f msgs/s | %s | %d |%n",
                        r.mailbox().sourceAddress(),
                        p.pass().toLowerCase(Locale.ROOT),
                        p.copied(),
                        p.skipped(),
                        Sizes.human(p.bytes()),
                        p.durationMs() / 1000.0,
                        p.messagesPerSecond(),
                        p.lastSyncedAt() == null ? "running" : p.lastSyncedAt().truncatedTo(ChronoUnit.SECONDS),
                        p.errors()));
            }
        }
        return rows == 0 ? "" : out.toString();
    }

    /** A Markdown table for the review form, cut short (with a pointer to the full report) when it grows too long. */
    public String markdown(long batchId) {
        List<MailboxReport> reports = report(batchId);
        String passes = passTable(reports);
        StringBuilder out =
                new StringBuilder("| Mailbox | Folder | Source | Microsoft 365 | Skipped |\n|---|---|---:|---:|---|\n");
        List<String> skippedLines = new ArrayList<>();
        int rowsLeft = 0;
        for (MailboxReport r : reports) {
            if (r.error() != null) {
                out.append("| ")
                        .append(r.mailbox().sourceAddress())
                        .append(" | — | | | ")
                        .append(r.mailbox().status())
                        .append(" |\n");
                skippedLines.add(r.mailbox().sourceAddress() + ": " + r.error());
            }
            for (FolderReport f : r.folders()) {
                String row = "| " + r.mailbox().sourceAddress() + " | " + f.sourceFolder() + " | " + f.sourceMessages()
                        + " | " + f.targetMessages() + (f.sourceMessages() == f.targetMessages() ? "" : " ⚠")
                        + " | " + (f.skipped() == 0 ? "" : f.skipped()) + " |\n";
                if (out.length() + row.length() > MAX_MARKDOWN - 400 - passes.length()) {
                    rowsLeft++;
                } else {
                    out.append(row);
                }
                f.skippedReasons()
                        .forEach(reason -> skippedLines.add(
                                r.mailbox().sourceAddress() + " / " + f.sourceFolder() + ": " + reason));
            }
        }
        if (rowsLeft > 0) {
            out.append("\n… ")
                    .append(rowsLeft)
                    .append(" more folders: see the full report at /api/batches/")
                    .append(batchId)
                    .append("/report\n");
        }
        out.append("\n**Totals:** ")
                .append(reports.size())
                .append(" mailboxes, ")
                .append(reports.stream().mapToInt(MailboxReport::sourceMessages).sum())
                .append(" messages at the source, ")
                .append(reports.stream().mapToInt(MailboxReport::targetMessages).sum())
                .append(" on Microsoft 365, ")
                .append(reports.stream().mapToInt(MailboxReport::skipped).sum())
                .append(" skipped.\n");
        out.append(passes);
        for (String line : skippedLines) {
            if (out.length() + line.length() + 4 > MAX_MARKDOWN) {
                out.append("- … more skipped items in the full report\n");
                break;
            }
            out.append("- ").append(line).append('\n');
        }
        return out.toString();
    }
}

package io.mailferry.mailbox;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The batch report an operator reviews after the initial sync: per mailbox and folder, source against target counts
 * and what was skipped and why — the counterpart of Exchange's migration user statistics.
 */
@Service
public class MigrationReportService {
    /** Camunda keeps String variables up to 4,000 characters; the full report is on /api/batches/{id}/report. */
    static final int MAX_MARKDOWN = 3_900;

    private final MigrationBatchService batches;
    private final MailboxSyncService sync;

    public MigrationReportService(MigrationBatchService batches, MailboxSyncService sync) {
        this.batches = batches;
        this.sync = sync;
    }

    /** {@code error} is why the folders could not be counted (a failed mailbox), else null. */
    public record MailboxReport(BatchMailbox mailbox, List<FolderReport> folders, String error) {
        public int sourceMessages() { return folders.stream().mapToInt(FolderReport::sourceMessages).sum(); }
        public int targetMessages() { return folders.stream().mapToInt(FolderReport::targetMessages).sum(); }
        public int skipped() { return folders.stream().mapToInt(FolderReport::skipped).sum(); }
    }

    public List<MailboxReport> report(long batchId) {
        List<MailboxReport> reports = new ArrayList<>();
        for (BatchMailbox mailbox : batches.mailboxes(batchId)) {
            if (mailbox.status() == MailboxStatus.FAILED) {
                reports.add(new MailboxReport(mailbox, List.of(), mailbox.lastError()));
                continue;
            }
            try {
                reports.add(new MailboxReport(mailbox, sync.folderReport(mailbox.id()), null));
            } catch (MailboxSyncException e) {
                reports.add(new MailboxReport(mailbox, List.of(), e.getMessage()));
            }
        }
        return reports;
    }

    /** A Markdown table for the review form, cut short (with a pointer to the full report) when it grows too long. */
    public String markdown(long batchId) {
        List<MailboxReport> reports = report(batchId);
        StringBuilder out = new StringBuilder("| Mailbox | Folder | Source | Microsoft 365 | Skipped |\n|---|---|---:|---:|---|\n");
        List<String> skippedLines = new ArrayList<>();
        int rowsLeft = 0;
        for (MailboxReport r : reports) {
            if (r.error() != null) {
                out.append("| ").append(r.mailbox().sourceAddress()).append(" | — | | | ").append(r.mailbox().status())
                        .append(" |\n");
                skippedLines.add(r.mailbox().sourceAddress() + ": " + r.error());
            }
            for (FolderReport f : r.folders()) {
                String row = "| " + r.mailbox().sourceAddress() + " | " + f.sourceFolder() + " | " + f.sourceMessages()
                        + " | " + f.targetMessages() + (f.sourceMessages() == f.targetMessages() ? "" : " ⚠")
                        + " | " + (f.skipped() == 0 ? "" : f.skipped()) + " |\n";
                if (out.length() + row.length() > MAX_MARKDOWN - 400) {
                    rowsLeft++;
                } else {
                    out.append(row);
                }
                f.skippedReasons().forEach(reason -> skippedLines.add(r.mailbox().sourceAddress() + " / " + f.sourceFolder() + ": " + reason));
            }
        }
        if (rowsLeft > 0) {
            out.append("\n… ").append(rowsLeft).append(" more folders: see the full report at /api/batches/").append(batchId).append("/report\n");
        }
        out.append("\n**Totals:** ").append(reports.size()).append(" mailboxes, ")
                .append(reports.stream().mapToInt(MailboxReport::sourceMessages).sum()).append(" messages at the source, ")
                .append(reports.stream().mapToInt(MailboxReport::targetMessages).sum()).append(" on Microsoft 365, ")
                .append(reports.stream().mapToInt(MailboxReport::skipped).sum()).append(" skipped.\n");
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

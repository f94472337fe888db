package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.mailbox.MigrationReportService.MailboxReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The review form's Markdown for a large batch: every part cut to fit, what is cut counted, the rest linked. */
class ReportMarkdownTest {
    private static final Instant SYNCED = Instant.parse("2026-03-14T02:00:00Z");

    @Test
    void aLargeBatchWithFailuresFoldersPassesAndSkipsFitsAndCountsWhatItLeftOut() {
        List<MailboxReport> reports = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            String address = String.format("annemarie.vandenberg-hoogstraten%03d@contoso.com", i);
            List<FolderReport> folders = IntStream.rangeClosed(1, 15)
                    .mapToObj(f -> new FolderReport(
                            "INBOX/Projects | 2026/Folder " + f,
                            "INBOX/Projects | 2026/Folder " + f,
                            120,
                            119,
                            1,
                            List.of("UID 7: larger than 35 MB")))
                    .toList();
            PassStatistics pass =
                    new PassStatistics("INITIAL", SYNCED, SYNCED, 3, 12_000, 1_800, 0, 15, 1 << 30, 0, null);
            reports.add(new MailboxReport(
                    new BatchMailbox(i, 42, address, address, MailboxStatus.SYNCED, SYNCED, null),
                    folders,
                    null,
                    List.of(pass),
                    Instant.parse("2026-12-07T10:00:00Z")));
        }
        for (int i = 501; i <= 600; i++) {
            String address = String.format("annemarie.vandenberg-hoogstraten%03d@contoso.com", i);
            reports.add(new MailboxReport(
                    new BatchMailbox(i, 42, address, address, MailboxStatus.FAILED, null, "Connection reset"),
                    List.of(),
                    "Connection reset",
                    List.of(),
                    null));
        }

        String markdown = ReportMarkdown.of(42, reports);

        assertThat(markdown)
                .hasSizeLessThanOrEqualTo(ReportMarkdown.MAX_MARKDOWN)
                .startsWith("**Totals:** 600 mailboxes (500 synced, 100 failed), 900,000 messages at the source,"
                        + " 892,500 on Microsoft 365, 7,500 skipped.")
                .contains("⚠ **100 mailboxes are not finished: their last sync failed.**")
                .contains("| Mailbox | Folder | Source | Microsoft 365 | Skipped |")
                .contains("| INBOX/Projects &#124; 2026/Folder 1 | 120 | 119 ⚠ | 1 |")
                .containsPattern(
                        "\\nNot shown here: [\\d,]+ folder rows, [\\d,]+ pass rows, [\\d,]+ skipped messages\\. "
                                + "The full report: \\[/api/batches/42/report]\\(/api/batches/42/report\\)\\n$");
        long folderRows =
                markdown.lines().filter(l -> l.contains("| INBOX/Projects")).count();
        assertThat(markdown)
                .contains("Not shown here: " + String.format(Locale.ROOT, "%,d", 7_500 - folderRows) + " folder rows");
    }
}

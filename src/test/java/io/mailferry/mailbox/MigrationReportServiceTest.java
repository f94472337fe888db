package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.text.Fit;
import org.junit.jupiter.api.Test;

/** The review form's report stays within what a process variable holds, however many mailboxes failed. */
class MigrationReportServiceTest {

    @Test
    void aReportOf100FailedMailboxesFitsAVariableAndSaysHowManyMoreFailed() {
        FailedBatch batch = new FailedBatch(100);

        String markdown = batch.reports.markdown(batch.batchId);

        assertThat(markdown)
                .hasSizeLessThanOrEqualTo(ReportMarkdown.MAX_MARKDOWN)
                .hasSizeLessThan(Fit.VARIABLE)
                .startsWith("**Totals:** 100 mailboxes (100 failed)")
                .contains("⚠ **100 mailboxes could not be synced or counted:**")
                .contains("- annemarie.vandenberg-hoogstraten001@contoso.com (FAILED): Synchronising")
                .containsPattern("… and \\d\\d more\\n")
                .endsWith("The full report: [/api/batches/" + batch.batchId + "/report](/api/batches/" + batch.batchId
                        + "/report)\n");
        long listed = markdown.lines().filter(l -> l.startsWith("- annemarie")).count();
        assertThat(markdown).contains("… and " + (100 - listed) + " more");
    }

    @Test
    void aSmallBatchIsShownWhole() {
        FailedBatch batch = new FailedBatch(2);

        String markdown = batch.reports.markdown(batch.batchId);

        assertThat(markdown).doesNotContain("more").doesNotContain("Not shown here");
        assertThat(markdown.lines().filter(l -> l.startsWith("- annemarie"))).hasSize(2);
    }
}

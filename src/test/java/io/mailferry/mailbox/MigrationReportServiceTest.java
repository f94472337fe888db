package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.text.Fit;
import io.mailferry.text.Rendered;
import org.junit.jupiter.api.Test;

/** The review form's report stays within what a process variable holds, however many mailboxes failed. */
class MigrationReportServiceTest {

    @Test
    void aReportOf100FailedMailboxesFitsAVariableAndSaysHowManyMoreFailed() {
        FailedBatch batch = new FailedBatch(100);

        String markdown = batch.reports.markdown(batch.batchId);

        assertThat(markdown).hasSizeLessThanOrEqualTo(ReportMarkdown.MAX_MARKDOWN);
        assertThat(Rendered.text(markdown))
                .hasSizeLessThan(Fit.VARIABLE)
                .startsWith("**Totals:** 100 mailboxes (100 failed)")
                .contains("⚠ **100 mailboxes are not finished: their last sync failed.**")
                .contains("- annemarie.vandenberg-hoogstraten001@contoso.com: Synchronising")
                .containsPattern("… and \\d\\d more\\n")
                .endsWith("The full report: [/api/batches/" + batch.batchId + "/report](/api/batches/" + batch.batchId
                        + "/report)\n");
        long listed = markdown.lines().filter(l -> l.startsWith("- annemarie")).count();
        assertThat(markdown).contains("… and " + (100 - listed) + " more");
    }

    @Test
    void mailboxesLeftOutAreToldApartFromThoseStillFailing() {
        FailedBatch batch = new FailedBatch(3);
        long first = batch.batches.mailboxIds(batch.batchId).get(0);
        batch.batches.markStatus(first, MailboxStatus.LEFT_OUT, "Left out by the operator: LOGIN refused");

        String markdown = batch.reports.markdown(batch.batchId);

        assertThat(Rendered.text(markdown))
                .startsWith("**Totals:** 3 mailboxes (2 failed, 1 left out)")
                .contains("⚠ **2 mailboxes are not finished: their last sync failed.**")
                .contains("**1 mailboxes were left out** of this batch by an operator; nothing waits for them.\n"
                        + "- annemarie.vandenberg-hoogstraten001@contoso.com: Left out by the operator: LOGIN refused");
    }

    @Test
    void aSmallBatchIsShownWhole() {
        FailedBatch batch = new FailedBatch(2);

        String markdown = batch.reports.markdown(batch.batchId);

        assertThat(markdown).doesNotContain("more").doesNotContain("Not shown here");
        assertThat(markdown.lines().filter(l -> l.startsWith("- annemarie"))).hasSize(2);
    }
}

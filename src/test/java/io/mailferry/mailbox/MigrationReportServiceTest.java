package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.text.Fit;
import io.mailferry.text.Rendered;
import java.util.List;
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

    @Test
    void theReviewKeepsItsCountsAGroupAtATimeAndTheReportIsWrittenFromThem() throws Exception {
        try (SyncedBatch batch = new SyncedBatch(5)) {
            List<Long> ids = batch.batches.mailboxIds(batch.batchId);

            batch.reports.countMailboxes(batch.batchId, ids.subList(0, 2));
            assertThat(batch.countedAddresses()).containsExactly("user001@contoso.com", "user002@contoso.com");
            batch.reports.countMailboxes(batch.batchId, ids.subList(2, 5));
            assertThat(batch.countedAddresses()).containsExactlyElementsOf(batch.addresses);
            batch.stopSource(); // from now on, nothing can be counted live

            assertThat(Rendered.text(batch.reports.markdown(batch.batchId)))
                    .as("written from the kept counts, with the short mailbox's difference")
                    .startsWith("**Totals:** 5 mailboxes (5 synced), 10 messages at the source, 9 on Microsoft 365");
            assertThat(batch.reports.report(batch.batchId))
                    .allSatisfy(m -> assertThat(m.countedAt()).isNotNull())
                    .allSatisfy(m -> assertThat(m.error()).isNull());
            assertThat(batch.reports.liveReport(batch.batchId))
                    .as("counted now, against a source that is gone")
                    .allSatisfy(m -> assertThat(m.error()).startsWith("Cannot sign in to 127.0.0.1:"));
        }
    }

    @Test
    void mailboxesCountedAgainReplaceTheirOwnCountsAndOneThatFailedSinceIsForgotten() throws Exception {
        try (SyncedBatch batch = new SyncedBatch(4)) {
            List<Long> ids = batch.batches.mailboxIds(batch.batchId);
            batch.reports.countMailboxes(batch.batchId, ids.subList(0, 2));
            batch.reports.countMailboxes(batch.batchId, ids.subList(2, 4));
            batch.batches.markStatus(ids.get(0), MailboxStatus.FAILED, "Connection reset by mail.contoso.com:993");

            batch.reports.countMailboxes(batch.batchId, ids.subList(0, 2));

            assertThat(batch.countedAddresses())
                    .containsExactly("user002@contoso.com", "user003@contoso.com", "user004@contoso.com");
            assertThat(batch.jdbc.queryForObject("SELECT COUNT(*) FROM mf_report_folder", Integer.class))
                    .as("one INBOX per counted mailbox, none twice")
                    .isEqualTo(3);
            assertThat(Rendered.text(batch.reports.markdown(batch.batchId)))
                    .contains("- user001@contoso.com: Connection reset by mail.contoso.com:993");
        }
    }

    @Test
    void aMailboxWhoseServersCannotBeCountedKeepsTheirAnswerAndTheOthersAreStillCounted() throws Exception {
        try (SyncedBatch batch = new SyncedBatch(2)) {
            batch.stopSource();

            batch.reports.countMailboxes(batch.batchId, batch.batches.mailboxIds(batch.batchId));

            assertThat(batch.countedAddresses()).hasSize(2);
            assertThat(batch.reports.report(batch.batchId))
                    .extracting(MigrationReportService.MailboxReport::error)
                    .allSatisfy(error -> assertThat(error)
                            .startsWith("Cannot sign in to 127.0.0.1:")
                            .containsPattern("as user00[12]@contoso.com"));
        }
    }

    @Test
    void aMailboxOfAnotherBatchIsNotCounted() throws Exception {
        try (SyncedBatch batch = new SyncedBatch(1)) {
            long own = batch.batches.mailboxIds(batch.batchId).get(0);
            long secondBatch = batch.batches.createBatch(
                    "Wave 2",
                    "contoso.com",
                    TestDatabase.insertEndpoint(batch.jdbc, "Exchange 2"),
                    TestDatabase.insertEndpoint(batch.jdbc, "M365 2"),
                    List.of("user900@contoso.com"));

            assertThatThrownBy(() -> batch.reports.countMailboxes(secondBatch, List.of(own)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Batch mailbox " + own + " is not in batch " + secondBatch
                            + ": its folders are not counted");
            assertThat(batch.countedAddresses()).isEmpty();
        }
    }
}

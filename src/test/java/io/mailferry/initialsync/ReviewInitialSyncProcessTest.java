package io.mailferry.initialsync;

import static io.mailferry.initialsync.ReviewInitialSyncIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.mailbox.FailedBatch;
import io.mailferry.mailbox.SyncedBatch;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.text.Fit;
import io.mailferry.text.Rendered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of ReviewInitialSync, the step both runbooks call while a batch syncs. */
@Deployment(resources = "processes/ReviewInitialSync.bpmn")
class ReviewInitialSyncProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private ProcessTestSupport support;
    private OperatorDriver operator;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.batchSyncStandIns(new ArrayList<>());
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        return runtimeService()
                .startProcessInstanceByKey(
                        PROCESS, "contoso.com", Map.of("batchId", 42L, "mailboxCount", 2, "deltaSyncText", "1 day"));
    }

    /** Started for batch {@code batchId} of a migration that owns it, as the runbooks call the step. */
    private static ProcessInstance startOwning(OwnedMigration owned, long batchId, int mailboxCount) {
        ProcessInstance pi = runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("batchId", batchId, "mailboxCount", mailboxCount, "deltaSyncText", "1 day"));
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com", batchId);
        return pi;
    }

    @Test
    void shouldShowTheReportOnceEveryMailboxIsSynced() {
        ProcessInstance pi = start();
        operator.drive(pi, TASK_REVIEW_MIGRATION_REPORT);

        assertThat(runtimeService().getVariable(pi.getId(), "migrationReport"))
                .asString()
                .startsWith("| mailbox");
        operator.drive(pi, null);
        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_CHECK_INITIAL_SYNC,
                        TASK_COUNT_MAILBOX_FOLDERS,
                        TASK_PREPARE_MIGRATION_REPORT,
                        TASK_REVIEW_MIGRATION_REPORT,
                        END_EVENT_INITIAL_SYNC_REVIEWED)
                .hasNotPassed(TIMER_EVENT_INITIAL_SYNC_POLL);
    }

    @Test
    void shouldShowTheReportOf100FailedMailboxesInAVariableTheEngineCanStore() {
        FailedBatch batch = new FailedBatch(100);
        OwnedMigration owned = ProcessTestSupport.owned(batch.jdbc);
        Mocks.register("prepareMigrationReportDelegate", new PrepareMigrationReportDelegate(batch.reports, owned));

        ProcessInstance pi = startOwning(owned, batch.batchId, 100);
        operator.drive(pi, TASK_REVIEW_MIGRATION_REPORT); // runs the job of Task_PrepareMigrationReport

        assertThat(pi).hasPassed(TASK_PREPARE_MIGRATION_REPORT).isWaitingAt(TASK_REVIEW_MIGRATION_REPORT);
        assertThat((String) runtimeService().getVariable(pi.getId(), "migrationReport"))
                .hasSizeLessThan(Fit.VARIABLE)
                .contains("100 mailboxes are not finished: their last sync failed.")
                .containsPattern("… and \\d+ more");
    }

    /**
     * A batch of 6 mailboxes counted 2 per job: three count jobs, each its own transaction, so when the second fails
     * the other two keep their counts, and its retry counts only its own mailboxes again.
     */
    @Test
    void shouldCountTheMailboxesAGroupPerJobAndCountAgainOnlyAGroupThatFailed() throws Exception {
        try (SyncedBatch batch = new SyncedBatch(6)) {
            OwnedMigration owned = ProcessTestSupport.owned(batch.jdbc);
            ReportGroups groups = new ReportGroups(batch.batches, owned, 2);
            CountReportGroupDelegate count = new CountReportGroupDelegate(batch.reports, groups, owned);
            List<Object> counted = new ArrayList<>();
            Mocks.register("migrationReportGroups", groups);
            Mocks.register("countReportGroupDelegate", (JavaDelegate) x -> {
                Object group = x.getVariable("reportGroup");
                counted.add(group);
                if (group.equals(1) && Collections.frequency(counted, 1) == 1) {
                    throw new IllegalStateException("The IMAP server went away");
                }
                count.execute(x);
            });
            Mocks.register("prepareMigrationReportDelegate", new PrepareMigrationReportDelegate(batch.reports, owned));
            ProcessInstance pi = startOwning(owned, batch.batchId, 6);

            runDueJobsThroughFailures(); // up to the count jobs; the failing one waits for its retry

            List<Job> jobs = managementService()
                    .createJobQuery()
                    .processInstanceId(pi.getId())
                    .activityId(TASK_COUNT_MAILBOX_FOLDERS)
                    .list();
            assertThat(counted).containsExactlyInAnyOrder(0, 1, 2);
            assertThat(jobs).singleElement().satisfies(job -> {
                assertThat(job.getExceptionMessage()).isEqualTo("The IMAP server went away");
                assertThat(job.getRetries()).isEqualTo(4);
            });
            assertThat(batch.countedAddresses())
                    .as("the groups that succeeded kept their counts")
                    .containsExactly(
                            "user001@contoso.com", "user002@contoso.com", "user005@contoso.com", "user006@contoso.com");

            support.advance(Duration.ofMinutes(6));
            operator.drive(pi, TASK_REVIEW_MIGRATION_REPORT);

            assertThat(counted).as("only the failed group ran again").containsExactlyInAnyOrder(0, 1, 2, 1);
            assertThat(batch.countedAddresses()).containsExactlyElementsOf(batch.addresses);
            assertThat(Rendered.text((String) runtimeService().getVariable(pi.getId(), "migrationReport")))
                    .startsWith("**Totals:** 6 mailboxes (6 synced), 12 messages at the source, 11 on Microsoft 365");
            assertThat(pi)
                    .hasPassedInOrder(
                            TASK_CHECK_INITIAL_SYNC, TASK_COUNT_MAILBOX_FOLDERS, TASK_PREPARE_MIGRATION_REPORT)
                    .isWaitingAt(TASK_REVIEW_MIGRATION_REPORT);
        }
    }

    /** Like {@link ProcessTestSupport#runDueJobs}, but a job that fails waits for its retry, as on a node. */
    private static void runDueJobsThroughFailures() {
        for (int guard = 0; guard < 100; guard++) {
            List<Job> due = managementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    managementService().executeJob(job.getId());
                } catch (RuntimeException e) {
                    // recorded on the job with its retries, as the job executor does
                }
            }
        }
        throw new AssertionError("Jobs keep coming after 100 rounds");
    }

    @Test
    void shouldPollUntilEveryMailboxIsSynced() {
        support.outcomes("initialSyncDone", false, false, true);
        ProcessInstance pi = start();
        operator.drive(pi, TASK_REVIEW_MIGRATION_REPORT);

        assertThat(support.calls("checkInitialSyncDelegate")).isEqualTo(3);
        assertThat(pi).hasPassed(TIMER_EVENT_INITIAL_SYNC_POLL).isWaitingAt(TASK_REVIEW_MIGRATION_REPORT);
    }
}

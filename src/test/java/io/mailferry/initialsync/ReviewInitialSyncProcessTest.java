package io.mailferry.initialsync;

import static io.mailferry.initialsync.ReviewInitialSyncIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.mailbox.FailedBatch;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.text.Fit;
import java.util.ArrayList;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
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

        ProcessInstance pi = runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("batchId", batch.batchId, "mailboxCount", 100, "deltaSyncText", "1 day"));
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com", batch.batchId);
        operator.drive(pi, TASK_REVIEW_MIGRATION_REPORT); // runs the job of Task_PrepareMigrationReport

        assertThat(pi).hasPassed(TASK_PREPARE_MIGRATION_REPORT).isWaitingAt(TASK_REVIEW_MIGRATION_REPORT);
        assertThat((String) runtimeService().getVariable(pi.getId(), "migrationReport"))
                .hasSizeLessThan(Fit.VARIABLE)
                .contains("100 mailboxes are not finished: their last sync failed.")
                .containsPattern("… and \\d+ more");
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

package io.mailferry.mailboxmigration;

import static io.mailferry.mailboxmigration.MailboxMigrationIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

@Deployment(resources = {"processes/MailboxMigration.bpmn", "processes/ResolveMailboxProblem.form"})
class MailboxMigrationProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private ProcessTestSupport support;
    /** Slices each pass needs before it reports completion, keyed by pass. */
    private final java.util.Map<String, AtomicInteger> slicesLeft = new java.util.HashMap<>();

    private boolean finalSyncRequestedInBatch;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.delegate("syncMailboxSliceDelegate", execution -> {
            String pass = (String) execution.getVariable("syncPass");
            boolean complete =
                    slicesLeft.computeIfAbsent(pass, p -> new AtomicInteger(1)).decrementAndGet() <= 0;
            execution.setVariable("sliceComplete", complete);
            execution.setVariable("finalSyncRequested", finalSyncRequestedInBatch);
        });
        support.delegate("markMailboxFailedDelegate");
    }

    private ProcessInstance start() {
        return runtimeService()
                .startProcessInstanceByKey(PROCESS, "contoso.com", withVariables("batchId", 1L, "mailboxId", 7L));
    }

    @Test
    void shouldSyncInSlicesThenDeltaThenFinalOnRequest() {
        slicesLeft.put("INITIAL", new AtomicInteger(3));
        slicesLeft.put("DELTA", new AtomicInteger(2));
        slicesLeft.put("FINAL", new AtomicInteger(2));
        ProcessInstance pi = start();
        assertThat(pi).isWaitingAt(TASK_INITIAL_SYNC);

        support.runDueJobs();
        assertThat(support.calls("syncMailboxSliceDelegate")).isEqualTo(3);
        assertThat(pi).isWaitingAt(GATEWAY_WAIT_FOR_NEXT_SYNC);

        support.advance(Duration.ofDays(1).plusMinutes(1));
        support.runDueJobs();
        assertThat(pi).hasPassed(TASK_DELTA_SYNC).isWaitingAt(GATEWAY_WAIT_FOR_NEXT_SYNC);

        runtimeService()
                .createMessageCorrelation(MESSAGE_FINAL_SYNC_REQUESTED)
                .processInstanceId(pi.getId())
                .correlate();
        support.runDueJobs();
        assertThat(pi).hasPassed(TASK_FINAL_SYNC).isEnded().hasPassed(END_EVENT_MAILBOX_MIGRATED);
        assertThat(support.calls("syncMailboxSliceDelegate")).isEqualTo(3 + 2 + 2);
    }

    @Test
    void shouldGoStraightToFinalSyncWhenRequestedDuringTheInitialSync() {
        finalSyncRequestedInBatch = true;
        ProcessInstance pi = start();
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(TASK_INITIAL_SYNC, TASK_FINAL_SYNC)
                .hasNotPassed(TASK_DELTA_SYNC)
                .isEnded();
    }

    @Test
    void shouldLetTheOperatorRetryAMailboxThatCannotBeSynced() {
        AtomicInteger attempts = new AtomicInteger();
        support.delegate("syncMailboxSliceDelegate", execution -> {
            if (attempts.incrementAndGet() == 1) {
                throw new BpmnError(ERR_MAILBOX_UNAVAILABLE, "user07@contoso.com: no such mailbox on 127.0.0.1:3143");
            }
            execution.setVariable("sliceComplete", true);
            execution.setVariable("finalSyncRequested", false);
        });
        ProcessInstance pi = start();
        support.runDueJobs();
        assertThat(pi)
                .isWaitingAt(TASK_RESOLVE_MAILBOX_PROBLEM)
                .variables()
                .containsEntry("syncError", "user07@contoso.com: no such mailbox on 127.0.0.1:3143");
        assertThat(pi).task().hasCandidateGroup("migration-operators");

        complete(task(pi), withVariables("mailboxResolution", "retry"));
        support.runDueJobs();
        assertThat(pi).isWaitingAt(GATEWAY_WAIT_FOR_NEXT_SYNC);
    }

    @Test
    void shouldAskTheOperatorWhenTheMailboxCannotBeOpenedForADeltaSync() {
        ProcessInstance pi = start();
        support.runDueJobs();
        support.delegate("syncMailboxSliceDelegate", execution -> {
            if ("DELTA".equals(execution.getVariable("syncPass"))) {
                throw new BpmnError(ERR_MAILBOX_UNAVAILABLE, "password of user07@contoso.com was changed");
            }
            execution.setVariable("sliceComplete", true);
            execution.setVariable("finalSyncRequested", false);
        });
        support.advance(Duration.ofDays(1).plusMinutes(1));
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(BOUNDARY_EVENT_DELTA_SYNC_MAILBOX_UNAVAILABLE)
                .isWaitingAt(TASK_RESOLVE_MAILBOX_PROBLEM)
                .variables()
                .containsEntry("syncError", "password of user07@contoso.com was changed");

        complete(task(pi), withVariables("mailboxResolution", "retry"));
        support.runDueJobs();
        assertThat(pi).isWaitingAt(GATEWAY_WAIT_FOR_NEXT_SYNC);
    }

    @Test
    void shouldAskTheOperatorWhenTheMailboxCannotBeOpenedForTheFinalSync() {
        ProcessInstance pi = start();
        support.runDueJobs();
        support.delegate("syncMailboxSliceDelegate", execution -> {
            throw new BpmnError(ERR_MAILBOX_UNAVAILABLE, "mailbox deleted on the source");
        });
        runtimeService()
                .createMessageCorrelation(MESSAGE_FINAL_SYNC_REQUESTED)
                .processInstanceId(pi.getId())
                .correlate();
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(BOUNDARY_EVENT_FINAL_SYNC_MAILBOX_UNAVAILABLE)
                .isWaitingAt(TASK_RESOLVE_MAILBOX_PROBLEM);

        complete(task(pi), withVariables("mailboxResolution", "leaveOut"));
        support.runDueJobs();
        assertThat(pi).isEnded().hasPassed(END_EVENT_MAILBOX_LEFT_OUT);
    }

    @Test
    void shouldLeaveOutAMailboxTheOperatorGivesUpOnAsLeftOutNotFailed() {
        DataSource ds = TestDatabase.migrated();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        MigrationBatchService batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        long endpoint = TestDatabase.insertEndpoint(jdbc, "Exchange");
        long batchId = batches.createBatch("Wave 1", "contoso.com", endpoint, endpoint, List.of("user07@contoso.com"));
        long mailboxId = batches.mailboxIds(batchId).get(0);
        OwnedMigration owned = ProcessTestSupport.owned(jdbc);
        Mocks.register("markMailboxFailedDelegate", new MarkMailboxFailedDelegate(batches, owned));
        support.delegate("syncMailboxSliceDelegate", execution -> {
            batches.markStatus(mailboxId, MailboxStatus.FAILED, "login refused"); // as the sync service does
            throw new BpmnError(ERR_MAILBOX_UNAVAILABLE, "login refused");
        });

        ProcessInstance pi = runtimeService()
                .startProcessInstanceByKey(
                        PROCESS, "contoso.com", withVariables("batchId", batchId, "mailboxId", mailboxId));
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com", batchId);
        support.runDueJobs();
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.FAILED);
        complete(task(pi), withVariables("mailboxResolution", "leaveOut"));
        support.runDueJobs();

        assertThat(pi).hasPassed(TASK_MARK_MAILBOX_FAILED).isEnded().hasPassed(END_EVENT_MAILBOX_LEFT_OUT);
        BatchMailbox mailbox = batches.mailbox(mailboxId);
        assertThat(mailbox.status()).isEqualTo(MailboxStatus.LEFT_OUT);
        assertThat(mailbox.lastError()).isEqualTo("Left out by the operator: login refused");
    }
}

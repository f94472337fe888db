package io.mailferry.staged;

import static io.mailferry.staged.StagedMigrationIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.domainverification.VerifyDomainIds;
import io.mailferry.initialsync.ReviewInitialSyncIds;
import io.mailferry.licences.LicencesAndDecommissioningIds;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxlist.MailboxListRejectedException;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.mailrouting.VerifyMailRoutingIds;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.PrepareSourceServerIds;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of StagedMigration and StagedMigrationBatch, with the real models of the shared steps (each has its own
 * test of every path) and the real MailboxMigration per mailbox. See {@link StagedProcessDriver} for which delegates
 * are real.
 */
@Deployment(
        resources = {
            "processes/StagedMigration.bpmn",
            "processes/StagedMigrationBatch.bpmn",
            "processes/MailboxMigration.bpmn",
            "processes/ConnectMicrosoft365.bpmn",
            "processes/VerifyDomain.bpmn",
            "processes/PrepareSourceServer.bpmn",
            "processes/ConnectSourceEndpoint.bpmn",
            "processes/ReviewInitialSync.bpmn",
            "processes/SwitchMailRouting.bpmn",
            "processes/VerifyMailRouting.bpmn",
            "processes/LicencesAndDecommissioning.bpmn"
        })
class StagedMigrationProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .excludeProcessDefinitionKeys(
                    MailboxMigrationIds.PROCESS,
                    ConnectMicrosoft365Ids.PROCESS,
                    VerifyDomainIds.PROCESS,
                    PrepareSourceServerIds.PROCESS,
                    ConnectSourceEndpointIds.PROCESS,
                    ReviewInitialSyncIds.PROCESS,
                    SwitchMailRoutingIds.PROCESS,
                    VerifyMailRoutingIds.PROCESS,
                    LicencesAndDecommissioningIds.PROCESS)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final String REVIEW = ReviewInitialSyncIds.TASK_REVIEW_MIGRATION_REPORT;
    private StagedProcessDriver driver;
    private OperatorDriver operator;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        driver = new StagedProcessDriver(engine);
        operator = driver.operator;
    }

    private ProcessInstance startWithList(MailboxList list, Map<String, Object> choices) {
        Map<String, Object> variables = new HashMap<>(choices);
        variables.put("mailboxListId", list.id());
        return driver.start(variables);
    }

    private Object batchVariable(ProcessInstance batch, String name) {
        return runtimeService().getVariable(batch.getId(), name);
    }

    @Test
    void shouldMigrateASmallListFromPreparationToPostMigrationTasks() {
        MailboxList list = driver.listWithUsers(3);
        ProcessInstance pi = startWithList(list, Map.of());

        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        CALL_ACTIVITY_PREPARE_SOURCE_SERVER,
                        CALL_ACTIVITY_CONNECT_MICROSOFT365,
                        CALL_ACTIVITY_VERIFY_DOMAIN,
                        TASK_CONFIRM_DIRECTORY_SYNC,
                        TASK_CHECK_MAILBOX_LIST,
                        TASK_CHECK_LIST_USERS_IN_TENANT,
                        CALL_ACTIVITY_CONNECT_SOURCE_ENDPOINT,
                        MESSAGE_EVENT_BATCH_MIGRATED,
                        CALL_ACTIVITY_SWITCH_MAIL_ROUTING,
                        CALL_ACTIVITY_VERIFY_MAIL_ROUTING,
                        TASK_RELEASE_BATCHES_FOR_DELETION,
                        CALL_ACTIVITY_LICENCES_AND_DECOMMISSIONING,
                        END_EVENT_STAGED_MIGRATION_COMPLETED);
        assertThat(pi)
                .hasPassed(CALL_ACTIVITY_MIGRATE_BATCHES)
                .hasNotPassed(
                        TASK_UPLOAD_MAILBOX_LIST,
                        TASK_SYNCHRONISE_MISSING_USERS,
                        TASK_START_NEXT_BATCH,
                        BOUNDARY_EVENT_STILL_OLD_RECORDS);
        assertThat(operator.taskCount).doesNotContainKey(StagedMigrationBatchIds.TASK_START_BATCH);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(operator.calledInstanceId(PrepareSourceServerIds.PROCESS))
                        .variableName("runbook")
                        .singleResult()
                        .getValue())
                .as("the staged checklist")
                .isEqualTo("staged");

        long batchId = driver.deletedBatches.get(0);
        List<BatchMailbox> mailboxes = driver.services.batches.mailboxes(batchId);
        assertThat(mailboxes)
                .extracting(BatchMailbox::sourceAddress)
                .containsExactly("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        assertThat(driver.services.batches.batch(batchId).deleted()).isTrue();
        assertThat(driver.convertedMailboxes)
                .containsExactlyInAnyOrderElementsOf(
                        mailboxes.stream().map(BatchMailbox::id).toList());
        assertThat(driver.syncPasses)
                .contains(mailboxes.get(0).id() + ":INITIAL", mailboxes.get(0).id() + ":DELTA")
                .as("deleted while waiting for the next delta sync: no final sync")
                .noneMatch(p -> p.endsWith(":FINAL"));
        assertThat(runtimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(StagedProcessDriver.DOMAIN)
                        .count())
                .as("deleting the batch stopped its mailbox migrations")
                .isZero();
        assertThat(driver.owned.authority().mailboxList(pi.getId()))
                .as("the list the check accepted is the migration's own, which the licence step reads")
                .contains(list.id());
    }

    @Test
    void shouldSendTheOperatorBackToTheUploadWhenTheCsvWasRejectedThenTakeTheReUploadedList() {
        driver.services.synchroniseUsers(2);
        ProcessInstance pi = driver.start(Map.of());
        operator.drive(pi, TASK_UPLOAD_MAILBOX_LIST);

        // The first file is refused on the mailbox lists page: nothing is stored, there is no id to enter.
        byte[] rejected =
                "EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Staged-Pw-1,False\nuser02 contoso.com,Staged-Pw-2,False\n"
                        .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> driver.services.lists.store("wave.csv", rejected, false, "olga"))
                .isInstanceOf(MailboxListRejectedException.class);
        driver.enterListId(1L); // the operator enters the id they expected anyway
        operator.complete(operator.task(TASK_UPLOAD_MAILBOX_LIST));
        driver.support.runDueJobs();

        assertThat(pi)
                .isWaitingAt(TASK_UPLOAD_MAILBOX_LIST)
                .hasPassed(TASK_CHECK_MAILBOX_LIST, GATEWAY_MAILBOX_LIST_FOUND)
                .hasNotPassed(TASK_CHECK_LIST_USERS_IN_TENANT);
        assertThat((String) runtimeService().getVariable(pi.getId(), "mailboxListProblem"))
                .startsWith("There is no mailbox list with id 1")
                .contains("a rejected file stores nothing");

        MailboxList corrected = driver.services.lists.store(
                "wave.csv",
                "EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Staged-Pw-1,False\nuser02@contoso.com,Staged-Pw-2,False\n"
                        .getBytes(StandardCharsets.UTF_8),
                false,
                "olga");
        driver.enterListId(corrected.id());
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(operator.taskCount.get(TASK_UPLOAD_MAILBOX_LIST)).isEqualTo(2);
        assertThat(pi).hasPassed(TASK_CHECK_LIST_USERS_IN_TENANT, END_EVENT_MAILBOX_LIST_READY);
        assertThat(runtimeService().getVariables(pi.getId()))
                .containsEntry("mailboxListId", corrected.id())
                .containsEntry("batchNumbers", List.of(1L))
                .containsEntry("testMailbox", "user01@contoso.com")
                .doesNotContainKey("mailboxListProblem");
        assertThat(runtimeService()
                        .getVariable(operator.calledInstanceId(ConnectSourceEndpointIds.PROCESS), "testMailbox"))
                .as("the endpoint is tested with the list's first mailbox")
                .isEqualTo("user01@contoso.com");
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .list())
                .as("no CSV content or password in the variables")
                .noneMatch(v -> String.valueOf(v.getValue()).contains("Staged-Pw"));
    }

    @Test
    void shouldSplitA4500RowListIntoThreeBatchInstancesEachCreatedUntilAnOperatorStartsIt() {
        MailboxList list = driver.listWithUsers(4500);
        ProcessInstance pi = startWithList(list, Map.of("batchStart", "manual"));

        operator.drive(pi, StagedMigrationBatchIds.TASK_START_BATCH);
        driver.support.runDueJobs();

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(batches).containsOnlyKeys(1L, 2L, 3L);
        assertThat(operator.openTasks(StagedMigrationBatchIds.TASK_START_BATCH)).hasSize(3);
        assertThat(batches.values())
                .extracting(b -> batchVariable(b, "mailboxCount"))
                .containsExactlyInAnyOrder(2000, 2000, 500);
        for (ProcessInstance batch : batches.values()) {
            assertThat(batch).isWaitingAt(StagedMigrationBatchIds.TASK_START_BATCH);
            long batchId = (Long) batchVariable(batch, "batchId");
            assertThat(driver.services.batches.mailboxes(batchId))
                    .as("Created: every mailbox Queued")
                    .allMatch(m -> m.status() == MailboxStatus.QUEUED);
            assertThat(driver.runningMailboxMigrations(batchId)).isZero();
        }
        assertThat(driver.services.batches.mailboxes((Long) batchVariable(batches.get(3L), "batchId")))
                .first()
                .extracting(BatchMailbox::sourceAddress)
                .isEqualTo("user4001@contoso.com");
        assertThat(pi).isWaitingAt(MESSAGE_EVENT_BATCH_MIGRATED);
    }

    @Test
    void shouldKeepABatchCreatedUntilAnOperatorStartsIt() {
        driver.smallBatches();
        MailboxList list = driver.listWithUsers(2002);
        ProcessInstance pi = startWithList(list, Map.of("batchStart", "manual"));
        operator.drive(pi, StagedMigrationBatchIds.TASK_START_BATCH);
        driver.support.runDueJobs();
        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);

        Task startSecond = operator.openTasks(StagedMigrationBatchIds.TASK_START_BATCH).stream()
                .filter(t -> t.getProcessInstanceId().equals(batches.get(2L).getId()))
                .findFirst()
                .orElseThrow();
        operator.complete(startSecond);
        driver.support.runDueJobs();

        assertThat(batches.get(2L))
                .hasPassed(StagedMigrationBatchIds.TASK_START_BATCH)
                .isWaitingAt(StagedMigrationBatchIds.CALL_ACTIVITY_REVIEW_INITIAL_SYNC);
        assertThat(operator.openTasks(REVIEW))
                .extracting(driver::batchOf)
                .containsExactly(batches.get(2L).getId());
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(2L), "batchId")))
                .isEqualTo(2);
        assertThat(batches.get(1L)).isWaitingAt(StagedMigrationBatchIds.TASK_START_BATCH);
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(1L), "batchId")))
                .as("still Created")
                .isZero();

        operator.drive(pi, null);
        assertThat(pi).isEnded();
        assertThat(driver.deletedBatches).hasSize(2);
    }

    /** Two batches (of a 2,002-mailbox list), driven until the first review of a batch's report is open. */
    private ProcessInstance twoBatchesUntilAReview(String batchOrder) {
        driver.smallBatches();
        ProcessInstance pi = startWithList(driver.listWithUsers(2002), Map.of("batchOrder", batchOrder));
        operator.drive(pi, REVIEW);
        driver.support.runDueJobs();
        return pi;
    }

    @Test
    void shouldRunTwoBatchesAtOnce() {
        ProcessInstance pi = twoBatchesUntilAReview("atOnce");

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(operator.openTasks(REVIEW))
                .as("both batches synced, side by side")
                .extracting(driver::batchOf)
                .containsExactlyInAnyOrder(
                        batches.get(1L).getId(), batches.get(2L).getId());
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(1L), "batchId")))
                .isEqualTo(2);
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(2L), "batchId")))
                .isEqualTo(2);

        operator.drive(pi, null);
        assertThat(pi).isEnded().hasPassed(GATEWAY_ALL_BATCHES_MIGRATED).hasNotPassed(TASK_START_NEXT_BATCH);
        assertThat(historyService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(pi.getId())
                        .activityId(MESSAGE_EVENT_BATCH_MIGRATED)
                        .finished()
                        .count())
                .isEqualTo(2);
        assertThat(driver.deletedBatches).hasSize(2);
    }

    @Test
    void shouldRunBatchesOneByOne() {
        ProcessInstance pi = twoBatchesUntilAReview("oneByOne");

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(operator.openTasks(REVIEW))
                .extracting(driver::batchOf)
                .containsExactly(batches.get(1L).getId());
        assertThat(batches.get(2L)).isWaitingAt(StagedMigrationBatchIds.MESSAGE_EVENT_BATCH_TURN);
        assertThat(batchVariable(batches.get(2L), "batchId"))
                .as("not even created")
                .isNull();

        operator.complete(operator.openTasks(REVIEW).get(0));
        driver.support.runDueJobs();
        assertThat(batches.get(1L))
                .hasPassed(StagedMigrationBatchIds.SUB_PROCESS_CONVERT_MAILBOXES)
                .isWaitingAt(StagedMigrationBatchIds.MESSAGE_EVENT_MAIL_ROUTED_TO_CLOUD);
        assertThat(pi).hasPassed(TASK_START_NEXT_BATCH).isWaitingAt(MESSAGE_EVENT_BATCH_MIGRATED);
        assertThat(batches.get(2L))
                .hasPassed(StagedMigrationBatchIds.TASK_CREATE_MIGRATION_BATCH)
                .isWaitingAt(StagedMigrationBatchIds.CALL_ACTIVITY_REVIEW_INITIAL_SYNC);

        operator.drive(pi, null);
        assertThat(pi).isEnded();
        assertThat(operator.taskCount.get(SwitchMailRoutingIds.TASK_CHANGE_MX_AND_AUTODISCOVER))
                .as("the MX moves once, after the last batch")
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseToDeleteABatchWhoseLastSyncIsOlderThanTheMxChangeUntilASyncRan() {
        driver.outcomes("batchDeletable", false, false, true);
        driver.outcomes("finalSyncRunning", false, true, false);
        MailboxList list = driver.listWithUsers(2);
        ProcessInstance pi = startWithList(list, Map.of());

        operator.drive(pi, StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE);
        ProcessInstance batch = driver.batchInstances(pi).get(1L);
        Date mxChangedAt = (Date) runtimeService().getVariable(pi.getId(), "mxChangedAt");
        assertThat(mxChangedAt).as("handed back by the MX switch").isNotNull();
        assertThat(batchVariable(batch, "mailRoutedToCloudAt")).isEqualTo(mxChangedAt);
        assertThat(runtimeService().getVariables(batch.getId()))
                .containsKeys("mailRoutedToCloudText", "lastSyncedText", "deletionCheckText")
                .containsEntry("batchDeletable", false);
        assertThat(batch).hasNotPassed(StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH);
        assertThat(driver.deletedBatches).isEmpty();

        operator.drive(pi, null);

        assertThat(batch)
                .hasPassedInOrder(
                        StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE,
                        StagedMigrationBatchIds.TASK_REQUEST_SYNC,
                        StagedMigrationBatchIds.TIMER_EVENT_WAIT_FOR_SYNC,
                        StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE,
                        StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH,
                        StagedMigrationBatchIds.END_EVENT_BATCH_DELETED);
        assertThat(historyService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(batch.getId())
                        .activityId(StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE)
                        .count())
                .isEqualTo(3);
        assertThat(batch).hasPassed(StagedMigrationBatchIds.END_EVENT_MAILBOXES_FINISHED);
        assertThat(driver.syncPasses)
                .as("the sync the operator ran: every mailbox's final sync")
                .filteredOn(p -> p.endsWith(":FINAL"))
                .hasSize(2);
        assertThat(pi).isEnded();
    }

    @Test
    void shouldCheckDeletionAgainWhenTheOperatorWaitsForTheNextDeltaSync() {
        driver.outcomes("batchDeletable", false, true);
        operator.answers.put(
                StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE, Map.of("syncBeforeDeletion", "checkAgain"));
        ProcessInstance pi = startWithList(driver.listWithUsers(2), Map.of());
        operator.drive(pi, StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE);
        ProcessInstance batch = driver.batchInstances(pi).get(1L);

        operator.drive(pi, null);

        assertThat(pi).isEnded();
        assertThat(batch)
                .isEnded()
                .hasPassed(StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH)
                .hasNotPassed(StagedMigrationBatchIds.TASK_REQUEST_SYNC);
        assertThat(historyService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(batch.getId())
                        .activityId(StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void shouldHoldBackAMailboxThatHasNotFinishedMigratingAndCheckItAgainUntilItSynced() {
        driver.outcomes("mailboxFinished", false, false, true);
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());
        String notFinished = StagedMigrationBatchIds.TASK_EXPLAIN_MAILBOX_NOT_FINISHED;

        operator.drive(pi, notFinished);
        ProcessInstance batch = driver.batchInstances(pi).get(1L);
        Task first = operator.task(notFinished);
        assertThat(first).hasCandidateGroup("migration-operators");
        assertThat(taskService().getVariables(first.getId()))
                .containsEntry("conversionBlocker", "its last sync failed: Connection reset by mail.contoso.com")
                .containsKey("mailboxAddress");
        assertThat(driver.convertedMailboxes).as("not converted as if migrated").isEmpty();
        assertThat(batch).hasNotPassed(StagedMigrationBatchIds.TASK_REPORT_BATCH_MIGRATED);

        // Nobody answers: Mailferry checks the mailbox again on its own, and it still has not finished.
        driver.support.advance(
                driver.support.timers().getConversionRecheckInterval().plusMinutes(1));
        driver.support.runDueJobs();
        Task second = operator.task(notFinished);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(driver.convertedMailboxes).isEmpty();

        // The operator resolved the mailbox's problem and checks again now: it has synced.
        operator.complete(second);
        operator.drive(pi, null);

        assertThat(pi).isEnded();
        assertThat(batch)
                .hasPassed(
                        StagedMigrationBatchIds.BOUNDARY_EVENT_RECHECK_MAILBOX,
                        StagedMigrationBatchIds.END_EVENT_MAILBOX_CONVERTED,
                        StagedMigrationBatchIds.TASK_REPORT_BATCH_MIGRATED);
        assertThat(driver.convertedMailboxes).hasSize(1);
        assertThat(historyService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(batch.getId())
                        .activityId(StagedMigrationBatchIds.TASK_CONVERT_TO_MAIL_ENABLED_USER)
                        .count())
                .as("first try, the check on its own, the operator's check")
                .isEqualTo(3);
    }

    @Test
    void shouldAskForDirectorySynchronisationUntilTheTenantHasEveryUserOfTheList() {
        MailboxList list = driver.services.storeList(3);
        driver.services.synchroniseUsers(1);
        ProcessInstance pi = startWithList(list, Map.of());
        operator.drive(pi, TASK_SYNCHRONISE_MISSING_USERS);

        assertThat(runtimeService().getVariables(pi.getId()))
                .containsEntry("listUsersMissingCount", 2)
                .containsEntry("listUsersMissing", "- user02&#64;contoso&#46;com\n- user03&#64;contoso&#46;com")
                .doesNotContainKey("licenceGraceEndsAt");

        driver.services.synchroniseUsers(3); // directory synchronisation ran again
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(pi).hasPassed(END_EVENT_MAILBOX_LIST_READY);
        assertThat(operator.taskCount.get(TASK_SYNCHRONISE_MISSING_USERS)).isEqualTo(1);
        assertThat(runtimeService().getVariable(pi.getId(), "licenceGraceEndsAt"))
                .as("the grace period runs from now")
                .isNotNull();
    }

    @Test
    void shouldTakeACorrectedListWhenTheListNamesAddressesThatAreNoUsers() {
        MailboxList wrong = driver.services.storeList(3);
        driver.services.synchroniseUsers(2);
        operator.answers.put(TASK_SYNCHRONISE_MISSING_USERS, Map.of("missingUsersResolution", "newList"));
        ProcessInstance pi = startWithList(wrong, Map.of());
        operator.drive(pi, TASK_SYNCHRONISE_MISSING_USERS);
        long corrected = driver.services
                .lists
                .store(
                        "corrected.csv",
                        "EmailAddress\nuser01@contoso.com\nuser02@contoso.com\n".getBytes(StandardCharsets.UTF_8),
                        false,
                        "olga")
                .id();
        driver.enterListId(corrected);

        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(pi)
                .hasPassedInOrder(
                        TASK_SYNCHRONISE_MISSING_USERS,
                        TASK_UPLOAD_MAILBOX_LIST,
                        TASK_CHECK_MAILBOX_LIST,
                        END_EVENT_MAILBOX_LIST_READY);
        assertThat(runtimeService().getVariable(pi.getId(), "mailboxListId")).isEqualTo(corrected);
    }

    @Test
    void shouldChangeTheRecordsAgainWithWhatDnsAnsweredWhenMailStillRoutesToTheOldServer() {
        driver.outcomes("routingVerified", false, false, true); // two checks per round in the tests' timers
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());

        operator.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(BOUNDARY_EVENT_STILL_OLD_RECORDS);
        assertThat(operator.taskCount.get(SwitchMailRoutingIds.TASK_CHANGE_MX_AND_AUTODISCOVER))
                .isEqualTo(2);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(operator.calledInstanceId(SwitchMailRoutingIds.PROCESS))
                        .variableName("routingError")
                        .singleResult()
                        .getValue())
                .as("what DNS answered, shown on the form of the second change")
                .isEqualTo("ns1.contoso.com: MX 10 mail.contoso.com (the old MX)");
    }

    @Test
    void shouldRefuseToStartWithAnOrderOfBatchesItDoesNotKnow() {
        assertThatThrownBy(() -> driver.start(Map.of("batchOrder", "alphabetical")))
                .hasMessageContaining("'batchOrder' must say how batches run")
                .hasMessageContaining("oneByOne");
        assertThat(historyService().createHistoricProcessInstanceQuery().count())
                .isZero();
    }
}

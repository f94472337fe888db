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
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxlist.MailboxListRejectedException;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.process.LicenceGrace;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.ProcessTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of StagedMigration and StagedMigrationBatch, with the real MailboxMigration as the process each batch
 * calls per mailbox. See {@link StagedProcessDriver} for which delegates are real.
 */
@Deployment(resources = {"processes/StagedMigration.bpmn", "processes/StagedMigrationBatch.bpmn", "processes/MailboxMigration.bpmn"})
class StagedMigrationProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestSupport.ENGINE_CONFIGURATION)
            .excludeProcessDefinitionKeys(MailboxMigrationIds.PROCESS).assertClassCoverageAtLeast(1.0).build();

    private StagedProcessDriver driver;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        driver = new StagedProcessDriver(engine);
    }

    private ProcessInstance startWithList(MailboxList list, Map<String, Object> choices) {
        Map<String, Object> variables = new java.util.HashMap<>(choices);
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

        driver.drive(pi, null);

        assertThat(pi).isEnded().hasPassedInOrder(TASK_CONFIRM_SOURCE_PREPARED, TASK_TEST_SOURCE_SERVER, TASK_CHECK_DOMAIN_VERIFICATION,
                TASK_CONFIRM_DIRECTORY_SYNC, TASK_CHECK_MAILBOX_LIST, TASK_CHECK_LIST_USERS_IN_TENANT, TASK_CREATE_AND_TEST_ENDPOINT,
                MESSAGE_EVENT_BATCH_MIGRATED, TASK_RECORD_MX_CHANGE, TASK_WAIT_FOR_MX_PROPAGATION,
                TASK_VERIFY_MAIL_ROUTING, TASK_RELEASE_BATCHES_FOR_DELETION, TASK_ASSIGN_LICENCES, TASK_DECIDE_DECOMMISSIONING,
                END_EVENT_STAGED_MIGRATION_COMPLETED);
        assertThat(pi).hasPassed(CALL_ACTIVITY_MIGRATE_BATCHES).hasNotPassed(TASK_UPLOAD_MAILBOX_LIST, TASK_SYNCHRONISE_MISSING_USERS, TASK_START_NEXT_BATCH,
                TASK_LOWER_MX_TTL, TASK_RESOLVE_MISSING_LICENCES, TASK_DECOMMISSION_EXCHANGE);
        assertThat(driver.taskCount).doesNotContainKey(StagedMigrationBatchIds.TASK_START_BATCH);

        long batchId = driver.deletedBatches.get(0);
        List<BatchMailbox> mailboxes = driver.services.batches.mailboxes(batchId);
        assertThat(mailboxes).extracting(BatchMailbox::sourceAddress)
                .containsExactly("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        assertThat(driver.services.batches.batch(batchId).deleted()).isTrue();
        assertThat(driver.convertedMailboxes).containsExactlyInAnyOrderElementsOf(mailboxes.stream().map(BatchMailbox::id).toList());
        assertThat(driver.syncPasses).contains(mailboxes.get(0).id() + ":INITIAL", mailboxes.get(0).id() + ":DELTA")
                .as("deleted while waiting for the next delta sync: no final sync").noneMatch(p -> p.endsWith(":FINAL"));
        assertThat(runtimeService().createProcessInstanceQuery().processInstanceBusinessKey(StagedProcessDriver.DOMAIN).count())
                .as("deleting the batch stopped its mailbox migrations").isZero();
        assertThat(driver.services.tenant.unlicensedUsers(List.of("user01@contoso.com", "user02@contoso.com", "user03@contoso.com")))
                .as("licences from the real delegate").isEmpty();
    }

    @Test
    void shouldSendTheOperatorBackToTheUploadWhenTheCsvWasRejectedThenTakeTheReUploadedList() {
        driver.services.synchroniseUsers(2);
        ProcessInstance pi = driver.start(Map.of());
        driver.drive(pi, TASK_UPLOAD_MAILBOX_LIST);

        // The first file is refused on the mailbox lists page: nothing is stored, there is no id to enter.
        byte[] rejected = "EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Staged-Pw-1,False\nuser02 contoso.com,Staged-Pw-2,False\n"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> driver.services.lists.store("wave.csv", rejected, false, "olga"))
                .isInstanceOf(MailboxListRejectedException.class);
        driver.listIdToEnter = 1L; // the operator enters the id they expected anyway
        driver.complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult());
        driver.support.runDueJobs();

        assertThat(pi).isWaitingAt(TASK_UPLOAD_MAILBOX_LIST).hasPassed(TASK_CHECK_MAILBOX_LIST, GATEWAY_MAILBOX_LIST_FOUND)
                .hasNotPassed(TASK_CHECK_LIST_USERS_IN_TENANT);
        assertThat((String) runtimeService().getVariable(pi.getId(), "mailboxListProblem"))
                .startsWith("There is no mailbox list with id 1").contains("a rejected file stores nothing");

        MailboxList corrected = driver.services.lists.store("wave.csv",
                "EmailAddress,Password,ForceChangePassword\nuser01@contoso.com,Staged-Pw-1,False\nuser02@contoso.com,Staged-Pw-2,False\n"
                        .getBytes(StandardCharsets.UTF_8), false, "olga");
        driver.listIdToEnter = corrected.id();
        driver.drive(pi, TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(driver.taskCount.get(TASK_UPLOAD_MAILBOX_LIST)).isEqualTo(2);
        assertThat(pi).hasPassed(TASK_CHECK_LIST_USERS_IN_TENANT, END_EVENT_MAILBOX_LIST_READY);
        assertThat(runtimeService().getVariables(pi.getId())).containsEntry("mailboxListId", corrected.id())
                .containsEntry("batchNumbers", List.of(1L)).containsEntry("testMailbox", "user01@contoso.com")
                .doesNotContainKey("mailboxListProblem");
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).list())
                .as("no CSV content or password in the variables").noneMatch(v -> String.valueOf(v.getValue()).contains("Staged-Pw"));
    }

    @Test
    void shouldSplitA4500RowListIntoThreeBatchInstancesEachCreatedUntilAnOperatorStartsIt() {
        MailboxList list = driver.listWithUsers(4500);
        ProcessInstance pi = startWithList(list, Map.of("batchStart", "manual"));

        driver.drive(pi, StagedMigrationBatchIds.TASK_START_BATCH);
        driver.support.runDueJobs();

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(batches).containsOnlyKeys(1L, 2L, 3L);
        assertThat(driver.openTasks(StagedMigrationBatchIds.TASK_START_BATCH)).hasSize(3);
        assertThat(batches.values()).extracting(b -> batchVariable(b, "mailboxCount")).containsExactlyInAnyOrder(2000, 2000, 500);
        for (ProcessInstance batch : batches.values()) {
            assertThat(batch).isWaitingAt(StagedMigrationBatchIds.TASK_START_BATCH);
            long batchId = (Long) batchVariable(batch, "batchId");
            assertThat(driver.services.batches.mailboxes(batchId)).as("Created: every mailbox Queued")
                    .allMatch(m -> m.status() == MailboxStatus.QUEUED);
            assertThat(driver.runningMailboxMigrations(batchId)).isZero();
        }
        assertThat(driver.services.batches.mailboxes((Long) batchVariable(batches.get(3L), "batchId")))
                .first().extracting(BatchMailbox::sourceAddress).isEqualTo("user4001@contoso.com");
        assertThat(pi).isWaitingAt(MESSAGE_EVENT_BATCH_MIGRATED);
    }

    @Test
    void shouldKeepABatchCreatedUntilAnOperatorStartsIt() {
        driver.smallBatches();
        MailboxList list = driver.listWithUsers(2002);
        ProcessInstance pi = startWithList(list, Map.of("batchStart", "manual"));
        driver.drive(pi, StagedMigrationBatchIds.TASK_START_BATCH);
        driver.support.runDueJobs();
        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);

        Task startSecond = driver.openTasks(StagedMigrationBatchIds.TASK_START_BATCH).stream()
                .filter(t -> t.getProcessInstanceId().equals(batches.get(2L).getId())).findFirst().orElseThrow();
        driver.complete(startSecond);
        driver.support.runDueJobs();

        assertThat(batches.get(2L)).hasPassed(StagedMigrationBatchIds.TASK_START_BATCH)
                .isWaitingAt(StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT);
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(2L), "batchId"))).isEqualTo(2);
        assertThat(batches.get(1L)).isWaitingAt(StagedMigrationBatchIds.TASK_START_BATCH);
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(1L), "batchId"))).as("still Created").isZero();

        driver.drive(pi, null);
        assertThat(pi).isEnded();
        assertThat(driver.deletedBatches).hasSize(2);
    }

    /** Two batches (of a 2,002-mailbox list), driven until the first review of a batch's report is open. */
    private ProcessInstance twoBatchesUntilAReview(String batchOrder) {
        driver.smallBatches();
        ProcessInstance pi = startWithList(driver.listWithUsers(2002), Map.of("batchOrder", batchOrder));
        driver.drive(pi, StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT);
        driver.support.runDueJobs();
        return pi;
    }

    @Test
    void shouldRunTwoBatchesAtOnce() {
        ProcessInstance pi = twoBatchesUntilAReview("atOnce");

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(driver.openTasks(StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT)).as("both batches synced, side by side")
                .extracting(Task::getProcessInstanceId).containsExactlyInAnyOrder(batches.get(1L).getId(), batches.get(2L).getId());
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(1L), "batchId"))).isEqualTo(2);
        assertThat(driver.runningMailboxMigrations(batchVariable(batches.get(2L), "batchId"))).isEqualTo(2);

        driver.drive(pi, null);
        assertThat(pi).isEnded().hasPassed(GATEWAY_ALL_BATCHES_MIGRATED).hasNotPassed(TASK_START_NEXT_BATCH);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(pi.getId())
                .activityId(MESSAGE_EVENT_BATCH_MIGRATED).finished().count()).isEqualTo(2);
        assertThat(driver.deletedBatches).hasSize(2);
    }

    @Test
    void shouldRunBatchesOneByOne() {
        ProcessInstance pi = twoBatchesUntilAReview("oneByOne");

        Map<Long, ProcessInstance> batches = driver.batchInstances(pi);
        assertThat(driver.openTasks(StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT)).extracting(Task::getProcessInstanceId)
                .containsExactly(batches.get(1L).getId());
        assertThat(batches.get(2L)).isWaitingAt(StagedMigrationBatchIds.MESSAGE_EVENT_BATCH_TURN);
        assertThat(batchVariable(batches.get(2L), "batchId")).as("not even created").isNull();

        driver.complete(driver.openTasks(StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT).get(0));
        driver.support.runDueJobs();
        assertThat(batches.get(1L)).hasPassed(StagedMigrationBatchIds.TASK_CONVERT_TO_MAIL_ENABLED_USERS)
                .isWaitingAt(StagedMigrationBatchIds.MESSAGE_EVENT_MAIL_ROUTED_TO_CLOUD);
        assertThat(pi).hasPassed(TASK_START_NEXT_BATCH).isWaitingAt(MESSAGE_EVENT_BATCH_MIGRATED);
        assertThat(batches.get(2L)).hasPassed(StagedMigrationBatchIds.TASK_CREATE_MIGRATION_BATCH)
                .isWaitingAt(StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT);

        driver.drive(pi, null);
        assertThat(pi).isEnded();
        assertThat(driver.taskCount.get(TASK_CHANGE_MX_AND_AUTODISCOVER)).as("the MX moves once, after the last batch").isEqualTo(1);
    }

    @Test
    void shouldRefuseToDeleteABatchWhoseLastSyncIsOlderThanTheMxChangeUntilASyncRan() {
        driver.outcomes("batchDeletable", false, false, true);
        driver.outcomes("finalSyncRunning", false, true, false);
        MailboxList list = driver.listWithUsers(2);
        ProcessInstance pi = startWithList(list, Map.of());

        driver.drive(pi, StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE);
        ProcessInstance batch = driver.batchInstances(pi).get(1L);
        Date mxChangedAt = (Date) runtimeService().getVariable(pi.getId(), "mxChangedAt");
        assertThat(batchVariable(batch, "mailRoutedToCloudAt")).isEqualTo(mxChangedAt);
        assertThat(runtimeService().getVariables(batch.getId())).containsKeys("mailRoutedToCloudText", "lastSyncedText", "deletionCheckText")
                .containsEntry("batchDeletable", false);
        assertThat(batch).hasNotPassed(StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH);
        assertThat(driver.deletedBatches).isEmpty();

        driver.drive(pi, null);

        assertThat(batch).hasPassedInOrder(StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE, StagedMigrationBatchIds.TASK_REQUEST_SYNC,
                StagedMigrationBatchIds.TIMER_EVENT_WAIT_FOR_SYNC, StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE,
                StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH, StagedMigrationBatchIds.END_EVENT_BATCH_DELETED);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(batch.getId())
                .activityId(StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE).count()).isEqualTo(3);
        assertThat(batch).hasPassed(StagedMigrationBatchIds.END_EVENT_MAILBOXES_FINISHED);
        assertThat(driver.syncPasses).as("the sync the operator ran: every mailbox's final sync").filteredOn(p -> p.endsWith(":FINAL")).hasSize(2);
        assertThat(pi).isEnded();
    }

    @Test
    void shouldCheckDeletionAgainWhenTheOperatorWaitsForTheNextDeltaSync() {
        driver.outcomes("batchDeletable", false, true);
        driver.answers.put(StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE, Map.of("syncBeforeDeletion", "checkAgain"));
        ProcessInstance pi = startWithList(driver.listWithUsers(2), Map.of());
        driver.drive(pi, StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE);
        ProcessInstance batch = driver.batchInstances(pi).get(1L);

        driver.drive(pi, null);

        assertThat(pi).isEnded();
        assertThat(batch).isEnded().hasPassed(StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH)
                .hasNotPassed(StagedMigrationBatchIds.TASK_REQUEST_SYNC);
        assertThat(historyService().createHistoricActivityInstanceQuery().processInstanceId(batch.getId())
                .activityId(StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE).count()).isEqualTo(2);
    }

    @Test
    void shouldAskForDirectorySynchronisationUntilTheTenantHasEveryUserOfTheList() {
        MailboxList list = driver.services.storeList(3);
        driver.services.synchroniseUsers(1);
        ProcessInstance pi = startWithList(list, Map.of());
        driver.drive(pi, TASK_SYNCHRONISE_MISSING_USERS);

        assertThat(runtimeService().getVariables(pi.getId())).containsEntry("listUsersMissingCount", 2)
                .containsEntry("listUsersMissing", "- user02@contoso.com\n- user03@contoso.com")
                .doesNotContainKey("licenceGraceEndsAt");

        driver.services.synchroniseUsers(3); // directory synchronisation ran again
        driver.drive(pi, TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(pi).hasPassed(END_EVENT_MAILBOX_LIST_READY);
        assertThat(driver.taskCount.get(TASK_SYNCHRONISE_MISSING_USERS)).isEqualTo(1);
        assertThat(runtimeService().getVariable(pi.getId(), "licenceGraceEndsAt")).as("the grace period runs from now").isNotNull();
    }

    @Test
    void shouldTakeACorrectedListWhenTheListNamesAddressesThatAreNoUsers() {
        MailboxList wrong = driver.services.storeList(3);
        driver.services.synchroniseUsers(2);
        driver.answers.put(TASK_SYNCHRONISE_MISSING_USERS, Map.of("missingUsersResolution", "newList"));
        ProcessInstance pi = startWithList(wrong, Map.of());
        driver.drive(pi, TASK_SYNCHRONISE_MISSING_USERS);
        driver.listIdToEnter = driver.services.lists.store("corrected.csv",
                "EmailAddress\nuser01@contoso.com\nuser02@contoso.com\n".getBytes(StandardCharsets.UTF_8), false, "olga").id();

        driver.drive(pi, TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(pi).hasPassedInOrder(TASK_SYNCHRONISE_MISSING_USERS, TASK_UPLOAD_MAILBOX_LIST, TASK_CHECK_MAILBOX_LIST,
                END_EVENT_MAILBOX_LIST_READY);
        assertThat(runtimeService().getVariable(pi.getId(), "mailboxListId")).isEqualTo(driver.listIdToEnter);
    }

    @Test
    void shouldRepeatEachPreparationStepUntilItSucceeds() {
        driver.outcomes("sourceServerReady", false, true);
        driver.outcomes("domainVerified", false, false, false, true); // three checks per round in the tests' timers
        driver.outcomes("endpointTestPassed", false, true);
        driver.answers.put(TASK_PUBLISH_VERIFICATION_RECORD, Map.of("publishAutomatically", true));
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());

        driver.drive(pi, StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT);

        assertThat(driver.taskCount).containsEntry(TASK_CONFIRM_SOURCE_PREPARED, 2).containsEntry(TASK_PUBLISH_VERIFICATION_RECORD, 2)
                .containsEntry(TASK_ENTER_MIGRATION_ENDPOINT, 2);
        assertThat(driver.support.calls("checkDomainVerificationDelegate")).isEqualTo(4);
        assertThat(pi).hasPassed(TIMER_EVENT_DOMAIN_RECHECK_DELAY, TASK_PUBLISH_VERIFICATION_TXT);
    }

    @Test
    void shouldWaitForEveryMailboxOfTheBatchBeforeTheReview() {
        driver.outcomes("initialSyncDone", false, false, true);
        ProcessInstance pi = startWithList(driver.listWithUsers(2), Map.of());

        driver.drive(pi, StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT);

        assertThat(driver.support.calls("checkInitialSyncDelegate")).isEqualTo(3);
        assertThat(driver.batchInstances(pi).get(1L)).hasPassed(StagedMigrationBatchIds.TIMER_EVENT_INITIAL_SYNC_POLL);
    }

    @Test
    void shouldLowerTheMxTtlByHandAndRefuseToEndTheWaitsEarlyWithoutAReason() {
        driver.outcomes("mxTtl", 86400L);
        driver.answers.put(TASK_WAIT_FOR_TTL_EXPIRY, Map.of());
        driver.answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of());
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());
        driver.drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);

        Task ttlWait = driver.openTasks(TASK_WAIT_FOR_TTL_EXPIRY).get(0);
        driver.complete(ttlWait); // the old TTL of a day has not run out
        assertThat(pi).isWaitingAt(TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat((String) runtimeService().getVariable(pi.getId(), "ttlWaitRefusal")).startsWith("The TTL wait ends at");
        driver.support.advance(Duration.ofHours(25));
        driver.complete(driver.openTasks(TASK_WAIT_FOR_TTL_EXPIRY).get(0));

        driver.drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        driver.complete(driver.openTasks(TASK_WAIT_FOR_MX_PROPAGATION).get(0));
        assertThat((String) runtimeService().getVariable(pi.getId(), "mxWaitRefusal")).startsWith("The MX propagation wait ends at");
        driver.answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of("earlyCompletionReason", "MX TTL was 300 s for a week"));
        driver.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(TASK_LOWER_MX_TTL, TASK_RECORD_TTL_CHANGE).hasNotPassed(TASK_APPLY_MX_TTL);
        assertThat(driver.taskCount).containsEntry(TASK_WAIT_FOR_TTL_EXPIRY, 2).containsEntry(TASK_WAIT_FOR_MX_PROPAGATION, 2);
    }

    @Test
    void shouldWaitForEveryAuthoritativeServerAfterEachChangeMadeByHand() {
        driver.outcomes("mxTtl", 86400L);
        driver.outcomes("mxTtlLowered", false, true);
        driver.outcomes("dnsChangesVisible", false, true);
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());
        driver.drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);

        assertThat(pi).hasPassedInOrder(TASK_LOWER_MX_TTL, TASK_CHECK_MX_TTL, GATEWAY_MX_TTL_LOWERED, TASK_LOWER_MX_TTL,
                TASK_CHECK_MX_TTL, TASK_RECORD_TTL_CHANGE);
        assertThat(driver.taskCount).containsEntry(TASK_LOWER_MX_TTL, 2);
        assertThat(historyService().createHistoricDetailQuery().processInstanceId(pi.getId()).variableUpdates().list())
                .as("what the servers served, shown on the reopened task").anyMatch(d -> "mxTtlCheck".equals(
                        ((HistoricVariableUpdate) d).getVariableName()) && ((HistoricVariableUpdate) d).getValue() != null);
        assertThat(runtimeService().getVariable(pi.getId(), "mxTtlCheck")).as("gone once lowered everywhere").isNull();

        driver.drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        assertThat(driver.taskCount).containsEntry(TASK_CHANGE_MX_AND_AUTODISCOVER, 2);
        assertThat(driver.support.calls("checkDnsChangesDelegate")).isEqualTo(2);
        assertThat(driver.support.calls("recordMxChangeDelegate")).as("the change counts once it is visible").isEqualTo(1);
        assertThat(pi).hasPassed(GATEWAY_DNS_CHANGES_VISIBLE, GATEWAY_DNS_CHANGES_MADE).hasNotPassed(TASK_APPLY_DNS_CHANGES);
    }

    @Test
    void shouldLowerTheTtlAndChangeTheRecordsThroughTheDnsUpdateServer() {
        driver.outcomes("mxTtl", 86400L);
        driver.answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "automatic"));
        driver.answers.put(TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true));
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());

        driver.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(TASK_APPLY_MX_TTL, TASK_APPLY_DNS_CHANGES)
                .hasNotPassed(TASK_CHECK_MX_TTL, TASK_CHECK_DNS_CHANGES);
    }

    @Test
    void shouldSkipTheTtlReductionWhenTheOperatorAcceptsTheDelay() {
        driver.outcomes("mxTtl", 86400L);
        driver.answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "skip"));
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());

        driver.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(TASK_LOWER_MX_TTL).hasNotPassed(TASK_RECORD_TTL_CHANGE);
    }

    @Test
    void shouldChangeTheRecordsAgainWhenMailStillRoutesToTheOldServer() {
        driver.outcomes("routingVerified", false, false, true); // two checks per round in the tests' timers
        ProcessInstance pi = startWithList(driver.listWithUsers(1), Map.of());

        driver.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(TIMER_EVENT_ROUTING_RECHECK_DELAY);
        assertThat(driver.taskCount.get(TASK_CHANGE_MX_AND_AUTODISCOVER)).isEqualTo(2);
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName("routingError")
                .singleResult().getValue()).as("what DNS answered, shown on the form of the second change")
                .isEqualTo("ns1.contoso.com: MX 10 mail.contoso.com (the old MX)");
    }

    @Test
    void shouldRemindAndEscalateWhileLicencesAreMissingThenDecommission() {
        MigrationTimers timers = (MigrationTimers) Mocks.get("migrationTimers");
        driver.outcomes("unlicensedCount", 1, 0); // the tenant's pool is short by one, then the operator buys one
        driver.support.delegate("assignListLicencesDelegate", x -> {
            x.setVariable("unlicensedCount", driver.next("unlicensedCount", 0));
            x.setVariable("licenceStatus", "1 user(s) licensed; 1 without a licence because all 1 licences of the tenant are in use");
            LicenceGrace.scheduleNotices(x, timers);
        });
        driver.answers.put(TASK_DECIDE_DECOMMISSIONING, Map.of("decommissionExchange", true));
        ProcessInstance pi = startWithList(driver.listWithUsers(2), Map.of());
        driver.drive(pi, TASK_RESOLVE_MISSING_LICENCES);
        Date graceEnds = (Date) runtimeService().getVariable(pi.getId(), "licenceGraceEndsAt");
        assertThat(runtimeService().getVariable(pi.getId(), "licenceReminderAt"))
                .isEqualTo(new Date(graceEnds.getTime() - Duration.ofDays(7).toMillis()));

        driver.support.advance(Duration.ofDays(24));
        driver.support.runDueJobs();
        assertThat(pi).hasPassed(TASK_REMIND_OF_LICENCE_GRACE).hasNotPassed(TASK_ESCALATE_LICENCE_GRACE)
                .isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "lastNotice")).isEqualTo("REMINDER");

        driver.support.advance(Duration.ofDays(5));
        driver.support.runDueJobs();
        assertThat(pi).hasPassed(TASK_ESCALATE_LICENCE_GRACE).isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "lastNotice")).isEqualTo("ESCALATION");

        driver.drive(pi, null);
        assertThat(pi).isEnded().hasPassed(TASK_DECOMMISSION_EXCHANGE);
        assertThat(driver.support.calls("assignListLicencesDelegate")).isEqualTo(2);
    }

    @Test
    void shouldRefuseToStartWithAnOrderOfBatchesItDoesNotKnow() {
        assertThatThrownBy(() -> driver.start(Map.of("batchOrder", "alphabetical")))
                .hasMessageContaining("'batchOrder' must say how batches run").hasMessageContaining("oneByOne");
        assertThat(historyService().createHistoricProcessInstanceQuery().count()).isZero();
    }
}

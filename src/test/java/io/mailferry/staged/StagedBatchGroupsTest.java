package io.mailferry.staged;

import static io.mailferry.staged.StagedMigrationBatchIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.directory.DirectoryService;
import io.mailferry.directory.MailEnabledUserConversion;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.tenant.InMemoryTenant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A staged batch of 250 mailboxes starts and converts its mailboxes a group of at most 100 per job (issue 12, point 2),
 * so no job's transaction creates more than 100 mailbox executions; the conversions run with the real delegate,
 * service and cloud routing addresses (H2, the in-memory tenant), only the LDAP directory is a stand-in.
 */
@Deployment(resources = {"processes/StagedMigrationBatch.bpmn", "processes/MailboxMigration.bpmn"})
class StagedBatchGroupsTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .build();

    private static final int MAILBOXES = 250;
    private static final String DOMAIN = "contoso.com";

    private ProcessTestSupport support;
    private ListFixture fixture;
    private OwnedMigration owned;
    private InMemoryTenant tenant;
    /** The on-premises addresses the directory converted, in order, repeats included. */
    private final List<String> converted = Collections.synchronizedList(new ArrayList<>());
    /** How often the batch was reported as migrated ("Report the batch as migrated" ran). */
    private int reported;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        fixture = new ListFixture(10_000);
        fixture.synchroniseUsers(MAILBOXES);
        owned = support.migrationsIn(fixture.jdbc);
        tenant = spy(fixture.tenant);
        DirectoryService directory = mock(DirectoryService.class);
        when(directory.convertToMailEnabledUser(anyString(), anyString())).thenAnswer(call -> {
            converted.add(call.getArgument(0));
            return new MailEnabledUserConversion(
                    "CN=" + call.getArgument(0), false, List.of(), List.of(), call.getArgument(1), List.of());
        });
        MailboxConversionService conversions = new MailboxConversionService(
                fixture.batches, directory, new CloudRoutingAddresses(fixture.jdbc, tenant));
        Mocks.register(
                "convertToMailEnabledUserDelegate",
                new ConvertToMailEnabledUserDelegate(conversions, owned, support.timers()));
        support.delegate("reportBatchMigratedDelegate", x -> reported++);
    }

    @Test
    void shouldStartAStagedBatchsMailboxesOneGroupOfAtMostAHundredPerJob() {
        List<Long> mailboxIds = LongStream.rangeClosed(1, MAILBOXES).boxed().toList();
        ProcessInstance pi = startBefore(SUB_PROCESS_MIGRATE_MAILBOX_GROUP, 7L, mailboxIds);

        List<Job> groups = jobsOf(pi);
        assertThat(groups).as("ceil(250 / 100) jobs").hasSize(3);
        assertThat(mailboxMigrations()).as("no mailbox started with the groups").isEmpty();

        assertThat(support.growthPerJob(groups, () -> mailboxMigrations().size()))
                .as("each group's job starts its own mailboxes, at most 100")
                .containsExactlyInAnyOrder(100L, 100L, 50L);
        assertThat(mailboxMigrations().stream()
                        .map(m -> runtimeService().getVariable(m.getId(), "mailboxId"))
                        .toList())
                .as("every mailbox once, of this batch")
                .hasSize(MAILBOXES)
                .containsExactlyInAnyOrderElementsOf(mailboxIds);
        for (ProcessInstance mailbox : mailboxMigrations()) {
            assertThat(runtimeService().getVariable(mailbox.getId(), "batchId")).isEqualTo(7L);
            assertThat(mailbox).isWaitingAt(MailboxMigrationIds.TASK_INITIAL_SYNC);
        }
        assertThat(pi).isWaitingAt(CALL_ACTIVITY_MIGRATE_MAILBOXES);
    }

    @Test
    void shouldConvertAStagedBatchsMailboxesOneGroupPerJobAndEachMailboxOnce() {
        long batchId = syncedBatch();
        ProcessInstance pi = startConversions(batchId);

        List<Job> groups = jobsOf(pi);
        assertThat(groups).as("ceil(250 / 100) jobs").hasSize(3);
        assertThat(support.growthPerJob(groups, () -> mailboxScopes(pi)))
                .as("each group's job creates its own mailboxes' executions, at most 100")
                .containsExactlyInAnyOrder(100L, 100L, 50L);
        assertThat(conversionJobs())
                .as("each mailbox's conversion a job of its own")
                .isEqualTo(MAILBOXES);
        assertThat(converted).as("nothing converted inside a group's job").isEmpty();

        runJobs();

        assertThat(converted)
                .as("every mailbox converted once")
                .hasSize(MAILBOXES)
                .containsExactlyInAnyOrderElementsOf(addressesOf(batchId));
        verify(tenant, times(1)).cloudRoutingAddresses(argThat(addresses -> addresses.size() == MAILBOXES));
        assertThat(groupsConverted(pi)).isEqualTo(3);
        assertThat(reported).as("the batch reported once, after every group").isEqualTo(1);
        assertThat(pi)
                .hasPassed(SUB_PROCESS_CONVERT_MAILBOX_GROUP, END_EVENT_MAILBOX_CONVERTED, TASK_REPORT_BATCH_MIGRATED)
                .isWaitingAt(MESSAGE_EVENT_MAIL_ROUTED_TO_CLOUD);
    }

    @Test
    void shouldHoldBackOneMailboxWithoutHoldingBackTheRestOfItsGroup() {
        long batchId = syncedBatch();
        BatchMailbox failing = fixture.mailbox(batchId, 150); // in the second group
        fixture.batches.markStatus(failing.id(), MailboxStatus.FAILED, "Connection reset by mail.contoso.com:993");
        ProcessInstance pi = startConversions(batchId);

        runJobs();

        assertThat(converted).hasSize(MAILBOXES - 1).doesNotContain(failing.sourceAddress());
        Task explain = taskService()
                .createTaskQuery()
                .taskDefinitionKey(TASK_EXPLAIN_MAILBOX_NOT_FINISHED)
                .singleResult();
        assertThat(explain).as("the held-back mailbox's own task").isNotNull();
        Map<String, Object> shown = taskService().getVariables(explain.getId());
        assertThat(shown).containsEntry("mailboxId", failing.id()).containsEntry("mailboxGroup", 1);
        assertThat((String) shown.get("conversionBlocker"))
                .as("why, as the form shows it")
                .startsWith("its last sync failed")
                .contains("Connection reset");
        assertThat(groupsConverted(pi)).as("the other two groups are done").isEqualTo(2);
        assertThat(reported).as("not reported while a mailbox is held back").isZero();

        fixture.batches.markStatus(failing.id(), MailboxStatus.SYNCED, null); // the retried sync succeeded
        taskService().complete(explain.getId());
        runJobs();

        assertThat(converted).hasSize(MAILBOXES).contains(failing.sourceAddress());
        verify(tenant, times(1)).cloudRoutingAddresses(anyCollection());
        assertThat(groupsConverted(pi)).isEqualTo(3);
        assertThat(reported).isEqualTo(1);
        assertThat(pi).hasPassed(TASK_REPORT_BATCH_MIGRATED).isWaitingAt(MESSAGE_EVENT_MAIL_ROUTED_TO_CLOUD);
    }

    /** A batch of 250 mailboxes of a list, all synced once. */
    private long syncedBatch() {
        long batchId = fixture.batchOf(MAILBOXES);
        for (BatchMailbox mailbox : fixture.batches.mailboxes(batchId)) {
            fixture.batches.markStatus(mailbox.id(), MailboxStatus.SYNCED, null);
        }
        return batchId;
    }

    private ProcessInstance startConversions(long batchId) {
        ProcessInstance pi =
                startBefore(SUB_PROCESS_CONVERT_MAILBOX_GROUP, batchId, fixture.batches.mailboxIds(batchId));
        ProcessTestSupport.adopt(owned, pi.getId(), DOMAIN, batchId);
        return pi;
    }

    private static ProcessInstance startBefore(String groups, long batchId, List<Long> mailboxIds) {
        return runtimeService()
                .createProcessInstanceByKey(PROCESS)
                .businessKey(DOMAIN)
                .setVariables(Map.of("batchId", batchId, "mailboxIds", new ArrayList<>(mailboxIds)))
                .startBeforeActivity(groups + "#multiInstanceBody")
                .execute();
    }

    private List<String> addressesOf(long batchId) {
        return fixture.batches.mailboxes(batchId).stream()
                .map(BatchMailbox::sourceAddress)
                .toList();
    }

    /** Runs the due jobs, one at a time, round after round until none is left (the re-check timer is not due). */
    private static void runJobs() {
        for (int round = 0; round < 10; round++) {
            List<Job> due = managementService().createJobQuery().executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService().executeJob(job.getId()));
        }
        throw new AssertionError("Jobs keep coming after 10 rounds: a loop without a wait state?");
    }

    private static List<Job> jobsOf(ProcessInstance pi) {
        return managementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .list();
    }

    private static long conversionJobs() {
        return managementService()
                .createJobQuery()
                .activityId(TASK_CONVERT_TO_MAIL_ENABLED_USER)
                .count();
    }

    /** The executions that hold one mailbox (its {@code mailboxId}, local to its instance of the multi-instance). */
    private static long mailboxScopes(ProcessInstance pi) {
        return runtimeService()
                .createVariableInstanceQuery()
                .processInstanceIdIn(pi.getId())
                .variableName("mailboxId")
                .count();
    }

    private static long groupsConverted(ProcessInstance pi) {
        return historyService()
                .createHistoricActivityInstanceQuery()
                .processInstanceId(pi.getId())
                .activityId(END_EVENT_MAILBOX_GROUP_CONVERTED)
                .finished()
                .count();
    }

    private static List<ProcessInstance> mailboxMigrations() {
        return runtimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(MailboxMigrationIds.PROCESS)
                .list();
    }
}

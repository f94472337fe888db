package io.mailferry.mailboxmigration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.cutover.CutoverMigrationIds;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.staged.StagedMigrationBatchIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The final-sync request of both runbooks with the real delegate and batch service: a batch's mailboxes are asked a
 * group of at most 100 per job, and a group that fails is retried on its own.
 */
@Deployment(
        resources = {
            "processes/CutoverMigration.bpmn",
            "processes/StagedMigrationBatch.bpmn",
            "processes/MailboxMigration.bpmn"
        })
class FinalSyncRequestGroupsTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .build();

    private static final int MAILBOXES = 205;

    private ProcessTestSupport support;
    private OwnedMigration owned;
    private long batchId;
    private List<Long> mailboxIds;
    /** The first mailbox of each group the request was recorded for, in order. */
    private final List<Long> requested = new ArrayList<>();
    /** A mailbox whose group's request fails, as a database that cannot be reached would make it; null: none. */
    private volatile Long failFor;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.delegate("syncMailboxSliceDelegate", x -> {
            x.setVariable("sliceComplete", true);
            x.setVariable("finalSyncRequested", false);
        });
        DataSource ds = TestDatabase.migrated();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        MigrationBatchService batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds)) {
            @Override
            public void requestFinalSync(long batch, List<Long> group) {
                if (failFor != null && group.contains(failFor)) {
                    throw new IllegalStateException("The database did not answer for the group of " + failFor);
                }
                requested.add(group.get(0));
                super.requestFinalSync(batch, group);
            }
        };
        long endpoint = TestDatabase.insertEndpoint(jdbc, "Exchange");
        batchId = batches.createBatch(
                "Cutover",
                "contoso.com",
                endpoint,
                endpoint,
                IntStream.rangeClosed(1, MAILBOXES)
                        .mapToObj(i -> String.format("user%03d@contoso.com", i))
                        .toList());
        mailboxIds = batches.mailboxIds(batchId);
        owned = ProcessTestSupport.owned(jdbc);
        Mocks.register("requestFinalSyncDelegate", new RequestFinalSyncDelegate(batches, owned, new MailboxGroups()));
    }

    private ProcessInstance startAt(String process, String requestTask) {
        // every mailbox of the batch synced once and waiting for its next sync (the models are deployed by now)
        for (long mailboxId : mailboxIds) {
            runtimeService()
                    .startProcessInstanceByKey(
                            MailboxMigrationIds.PROCESS,
                            "contoso.com",
                            withVariables("batchId", batchId, "mailboxId", mailboxId));
        }
        for (Job initial : managementService()
                .createJobQuery()
                .activityId(MailboxMigrationIds.TASK_INITIAL_SYNC)
                .list()) {
            managementService().executeJob(initial.getId());
        }
        ProcessInstance pi = runtimeService()
                .createProcessInstanceByKey(process)
                .businessKey("contoso.com")
                .setVariables(Map.of("batchId", batchId, "mailboxIds", new ArrayList<>(mailboxIds)))
                .startBeforeActivity(requestTask + "#multiInstanceBody")
                .execute();
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com", batchId);
        managementService()
                .executeJob(managementService()
                        .createJobQuery()
                        .processInstanceId(pi.getId())
                        .singleResult()
                        .getId()); // the multi-instance body: one job per group
        return pi;
    }

    @Test
    void shouldAskTheMailboxesForTheirFinalSyncInOneJobPerGroupOfAHundred() {
        ProcessInstance pi = startAt(CutoverMigrationIds.PROCESS, CutoverMigrationIds.TASK_REQUEST_FINAL_SYNC);

        List<Job> groups = jobsOf(pi);
        assertThat(groups).as("ceil(205 / 100) jobs").hasSize(3);
        assertThat(askedMailboxes()).as("nobody asked before the groups run").isZero();
        List<Long> askedPerJob = new ArrayList<>();
        for (Job group : groups) {
            long before = askedMailboxes();
            managementService().executeJob(group.getId());
            askedPerJob.add(askedMailboxes() - before);
        }
        jobsOf(pi).forEach(done -> managementService().executeJob(done.getId()));

        assertThat(askedPerJob).as("each job asks its own group").containsExactlyInAnyOrder(100L, 100L, 5L);
        assertThat(requested).containsExactlyInAnyOrder(mailboxIds.get(0), mailboxIds.get(100), mailboxIds.get(200));
        assertThat(pi).hasPassed(CutoverMigrationIds.TASK_REQUEST_FINAL_SYNC);
        assertThat(pi).isWaitingAt(CutoverMigrationIds.GATEWAY_MAILBOXES_MIGRATED);
    }

    @Test
    void shouldRetryOnlyTheGroupWhoseRequestFailed() {
        failFor = mailboxIds.get(150); // in the second group
        ProcessInstance pi = startAt(CutoverMigrationIds.PROCESS, CutoverMigrationIds.TASK_REQUEST_FINAL_SYNC);
        Job failing = runGroupsAndFailOne(pi);

        Incident incident = onlyIncident();
        assertThat(incident.getActivityId()).isEqualTo(CutoverMigrationIds.TASK_REQUEST_FINAL_SYNC);
        assertThat(runtimeService().getVariableLocal(incident.getExecutionId(), "mailboxGroup"))
                .as("the incident is the failed group's")
                .isEqualTo(1);
        assertThat(askedMailboxes()).as("the other two groups were asked").isEqualTo(105);

        failFor = null;
        requested.clear();
        managementService().setJobRetries(failing.getId(), 1);
        managementService().executeJob(failing.getId());

        assertThat(requested).as("the retry repeats its own group only").containsExactly(mailboxIds.get(100));
        assertThat(askedMailboxes()).isEqualTo(MAILBOXES);
    }

    @Test
    void shouldAskAStagedBatchsMailboxesOneGroupPerJobAndRetryOnlyTheFailedGroup() {
        failFor = mailboxIds.get(0);
        ProcessInstance pi = startAt(StagedMigrationBatchIds.PROCESS, StagedMigrationBatchIds.TASK_REQUEST_SYNC);
        assertThat(jobsOf(pi)).as("ceil(205 / 100) jobs").hasSize(3);
        Job failing = runGroupsAndFailOne(pi);

        assertThat(runtimeService().getVariableLocal(onlyIncident().getExecutionId(), "mailboxGroup"))
                .isEqualTo(0);
        assertThat(askedMailboxes()).isEqualTo(105);
        failFor = null;
        requested.clear();
        managementService().setJobRetries(failing.getId(), 1);
        managementService().executeJob(failing.getId());

        assertThat(requested).containsExactly(mailboxIds.get(0));
        assertThat(askedMailboxes()).isEqualTo(MAILBOXES);
    }

    /** Runs every group once, then the failing one until its retries are used up; returns its job. */
    private Job runGroupsAndFailOne(ProcessInstance pi) {
        Job failing = null;
        for (Job group : jobsOf(pi)) {
            try {
                managementService().executeJob(group.getId());
            } catch (IllegalStateException databaseDown) {
                failing = group;
            }
        }
        assertThat(failing).as("one group failed").isNotNull();
        String id = failing.getId();
        for (int run = 2; run <= 10 && runtimeService().createIncidentQuery().count() == 0; run++) {
            assertThatThrownBy(() -> managementService().executeJob(id)).hasMessageContaining("did not answer");
        }
        return failing;
    }

    private static Incident onlyIncident() {
        List<Incident> incidents = runtimeService().createIncidentQuery().list();
        assertThat(incidents).as("an incident on the failed group only").hasSize(1);
        return incidents.get(0);
    }

    private static List<Job> jobsOf(ProcessInstance pi) {
        return managementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .list();
    }

    /** Mailboxes the request reached: each has left its wait for its final sync (a job of its own). */
    private static long askedMailboxes() {
        return managementService()
                .createJobQuery()
                .activityId(MailboxMigrationIds.TASK_FINAL_SYNC)
                .count();
    }
}

package io.mailferry.process;

import static java.util.Map.entry;

import io.mailferry.cutover.CutoverMigrationIds;
import io.mailferry.domainverification.VerifyDomainIds;
import io.mailferry.initialsync.ReviewInitialSyncIds;
import io.mailferry.licences.LicencesAndDecommissioningIds;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.sourceendpoint.PrepareSourceServerIds;
import io.mailferry.staged.StagedMigrationBatchIds;
import io.mailferry.staged.StagedMigrationIds;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

/**
 * The operator of the process tests: answers whatever user task of a migration is open — in the migration itself or
 * in any step, batch or mailbox it called, since they all carry its business key — with the usual answer (checklists
 * ticked, defaults kept), so that a test only states what is special about its path. A DNS wait is completed once
 * its time is over, unless the test gives its own answer.
 */
public final class OperatorDriver {
    /** The usual answer to each user task; tasks not listed are submitted with their pre-filled values. */
    private static final Map<String, Map<String, Object>> USUAL = Map.ofEntries(
            entry(VerifyDomainIds.TASK_PUBLISH_VERIFICATION_RECORD, Map.of("verificationRecordPublished", true)),
            entry(
                    PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED,
                    Map.of(
                            "trustedCertificate",
                            true,
                            "imapReachable",
                            true,
                            "outlookAnywhereEnabled",
                            true,
                            "migrationPermissions",
                            "FullAccess",
                            "targetAddressWritable",
                            true,
                            "unifiedMessagingDisabled",
                            true)),
            entry(CutoverMigrationIds.TASK_CHOOSE_SECURITY_GROUPS, Map.of("createSecurityGroups", false)),
            entry(ReviewInitialSyncIds.TASK_REVIEW_MIGRATION_REPORT, Map.of("reportAccepted", true)),
            entry(SwitchMailRoutingIds.TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true)),
            entry(CutoverMigrationIds.TASK_CONFIRM_FINAL_DELTA_SYNC, Map.of("finalSyncConfirmed", true)),
            entry(LicencesAndDecommissioningIds.TASK_RESOLVE_MISSING_LICENCES, Map.of("licencesAvailable", true)),
            entry(LicencesAndDecommissioningIds.TASK_DECIDE_DECOMMISSIONING, Map.of("decommissionExchange", false)),
            entry(
                    LicencesAndDecommissioningIds.TASK_DECOMMISSION_EXCHANGE,
                    Map.of("noMailOnSource", true, "supportContacted", true, "exchangeUninstalled", true)),
            entry(StagedMigrationIds.TASK_CONFIRM_DIRECTORY_SYNC, Map.of("directorySyncCompleted", true)),
            entry(StagedMigrationIds.TASK_SYNCHRONISE_MISSING_USERS, Map.of("missingUsersResolution", "checkAgain")),
            entry(StagedMigrationBatchIds.TASK_START_BATCH, Map.of("batchStartConfirmed", true)),
            entry(StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE, Map.of("syncBeforeDeletion", "syncNow")),
            entry(MailboxMigrationIds.TASK_RESOLVE_MAILBOX_PROBLEM, Map.of("mailboxResolution", "retry")));

    private static final Set<String> DNS_WAITS =
            Set.of(SwitchMailRoutingIds.TASK_WAIT_FOR_TTL_EXPIRY, SwitchMailRoutingIds.TASK_WAIT_FOR_MX_PROPAGATION);

    private final ProcessEngine engine;
    private final ProcessTestSupport support;
    private final String businessKey;
    /** Answers per user task that differ from the usual ones; they replace or add to its values. */
    public final Map<String, Map<String, Object>> answers = new HashMap<>();
    /** How often each user task was completed. */
    public final Map<String, Integer> taskCount = new HashMap<>();

    public OperatorDriver(ProcessEngine engine, ProcessTestSupport support, String businessKey) {
        this.engine = engine;
        this.support = support;
        this.businessKey = businessKey;
    }

    /** Every open task of the migration and of everything it called, oldest first. */
    public List<Task> openTasks() {
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(businessKey)
                .orderByTaskCreateTime()
                .asc()
                .orderByTaskId()
                .asc()
                .list();
    }

    public List<Task> openTasks(String taskKey) {
        return openTasks().stream()
                .filter(t -> t.getTaskDefinitionKey().equals(taskKey))
                .toList();
    }

    /** The one open task {@code taskKey}. */
    public Task task(String taskKey) {
        List<Task> open = openTasks(taskKey);
        if (open.size() != 1) {
            throw new AssertionError(
                    "Expected one open " + taskKey + " but found " + open.size() + "; open: " + openTasks());
        }
        return open.get(0);
    }

    /** Completes the task with the usual answer, changed by the test's. */
    public void complete(Task task) {
        Map<String, Object> answer = new HashMap<>(USUAL.getOrDefault(task.getTaskDefinitionKey(), Map.of()));
        answer.putAll(answers.getOrDefault(task.getTaskDefinitionKey(), Map.of()));
        complete(task, answer);
    }

    /** Completes the task with exactly these values. */
    public void complete(Task task, Map<String, Object> values) {
        taskCount.merge(task.getTaskDefinitionKey(), 1, Integer::sum);
        engine.getTaskService().complete(task.getId(), values);
    }

    /** Runs jobs and answers user tasks until a task {@code stopAt} is open or the process has ended. */
    public void drive(ProcessInstance pi, String stopAt) {
        for (int step = 0; step < 400; step++) {
            support.runDueJobs();
            if (engine.getRuntimeService()
                            .createProcessInstanceQuery()
                            .processInstanceId(pi.getId())
                            .count()
                    == 0) {
                return;
            }
            List<Task> open = openTasks();
            if (open.stream().anyMatch(t -> t.getTaskDefinitionKey().equals(stopAt))) {
                return;
            }
            if (open.isEmpty()) {
                support.advance(Duration.ofHours(1)); // only timers are left: let time pass
                continue;
            }
            Task task = open.get(0);
            if (DNS_WAITS.contains(task.getTaskDefinitionKey()) && !answers.containsKey(task.getTaskDefinitionKey())) {
                support.advance(Duration.ofHours(73)); // the operator comes back when the wait is over
            }
            complete(task);
        }
        throw new AssertionError("Did not settle within 400 steps; open tasks: " + openTasks());
    }

    /** The instances {@code parent} called of {@code processKey}. */
    public List<ProcessInstance> called(ProcessInstance parent, String processKey) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .superProcessInstanceId(parent.getId())
                .processDefinitionKey(processKey)
                .list();
    }

    /** The id of the (running or ended) instance of {@code processKey} this migration called, the newest if several. */
    public String calledInstanceId(String processKey) {
        return engine.getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .processDefinitionKey(processKey)
                .orderByProcessInstanceStartTime()
                .desc()
                .list()
                .get(0)
                .getId();
    }
}

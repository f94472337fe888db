package io.mailferry.staged;

import static io.mailferry.staged.StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE;
import static io.mailferry.staged.StagedMigrationBatchIds.TASK_REVIEW_MIGRATION_REPORT;
import static io.mailferry.staged.StagedMigrationBatchIds.TASK_START_BATCH;
import static io.mailferry.staged.StagedMigrationIds.*;

import io.mailferry.cutover.CredentialReferenceGuard;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.mailbox.TargetEndpointProperties;
import io.mailferry.mailboxlist.ListedMailbox;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.process.MigrationTimers;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.process.Variables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * The engine side of the staged migration's process tests. The list, directory-sync, batch-creation, licence and
 * message delegates and the DNS wait guards are the real ones, on the real list and batch services (H2) and the
 * in-memory tenant; the delegates that reach mail servers, DNS and LDAP are stand-ins (their services have their own
 * tests). A driver answers
 * whatever user task is open — in the staged migration or any of its batches and mailboxes — with an operator's usual
 * answer, so a test only states what is special about its path.
 */
final class StagedProcessDriver {
    static final String DOMAIN = "contoso.com";

    final ProcessTestSupport support;
    final ProcessEngine engine;
    ListFixture services;
    private String storedCredential;
    /** What the operator enters in "Upload the list of mailboxes". */
    Long listIdToEnter;
    final Map<String, Map<String, Object>> answers = new HashMap<>();
    final Map<String, Integer> taskCount = new HashMap<>();
    final List<String> syncPasses = new ArrayList<>();
    final List<Long> convertedMailboxes = new ArrayList<>();
    final List<Long> deletedBatches = new ArrayList<>();

    StagedProcessDriver(ProcessEngine engine) {
        this.engine = engine;
        support = new ProcessTestSupport(engine);
        realDelegates();
        standIns();
        Mocks.register("applyStagedDefaultsDelegate", new ApplyStagedDefaultsDelegate());
        Mocks.register("reportBatchMigratedDelegate", new ReportBatchMigratedDelegate());
        Mocks.register("startNextBatchDelegate", new StartNextBatchDelegate());
        Mocks.register("releaseBatchesForDeletionDelegate", new ReleaseBatchesForDeletionDelegate());
    }

    /** The real delegates, on list and batch services with their own H2 database and a tenant of 10,000 licences. */
    private void realDelegates() {
        services = new ListFixture(10_000);
        storedCredential = services.secrets.store("Exchange migration administrator", "Adm1n-Pw!".toCharArray());
        MigrationTimers timers = (MigrationTimers) Mocks.get("migrationTimers");
        StagedListService lists = new StagedListService(services.lists, services.tenant);
        ConfiguredEndpoints endpoints = new ConfiguredEndpoints(new MigrationEndpointService(services.jdbc, services.secrets),
                services.secrets, new TargetEndpointProperties("127.0.0.1", 993, ImapSecurity.TLS, "admin@contoso.onmicrosoft.com",
                        "Target-Pw-1", LoginMode.SHARED_PASSWORD),
                new SourceEndpointProperties("mail.contoso.com", 993, ImapSecurity.TLS, "administrator@contoso.com", null,
                        LoginMode.PROXY));
        Mocks.register("credentialReferenceGuard", new CredentialReferenceGuard(services.secrets));
        Mocks.register("checkMailboxListDelegate", new CheckMailboxListDelegate(lists));
        Mocks.register("checkListUsersDelegate", new CheckListUsersDelegate(lists, timers));
        Mocks.register("createStagedBatchDelegate", new CreateStagedBatchDelegate(
                new StagedBatchService(services.lists, services.batches), endpoints));
        Mocks.register("assignListLicencesDelegate", new AssignListLicencesDelegate(lists, timers));
    }

    /** A stored list of {@code mailboxes} whose users directory synchronisation has created. */
    MailboxList listWithUsers(int mailboxes) {
        MailboxList list = services.storeList(mailboxes);
        services.synchroniseUsers(mailboxes);
        return list;
    }

    /**
     * Batches made of the first two mailboxes of each batch of the list: a 2,002-mailbox list still has two batches,
     * but the engine runs four mailbox migrations instead of 2,002.
     */
    void smallBatches() {
        support.delegate("createStagedBatchDelegate", x -> {
            long listId = Variables.number(x, "mailboxListId");
            long number = Variables.number(x, "batchNumber");
            List<String> first = services.lists.rows(listId, (int) number).stream().limit(2).map(ListedMailbox::address).toList();
            long batchId = services.batches.createBatch("Staged contoso.com, list " + listId + ", batch " + number, DOMAIN,
                    services.sourceEndpoint, services.targetEndpoint, first);
            x.setVariable("batchId", batchId);
            x.setVariable("batchName", "Staged contoso.com, list " + listId + ", batch " + number);
            x.setVariable("mailboxIds", new ArrayList<>(services.batches.mailboxIds(batchId)));
            x.setVariable("mailboxCount", first.size());
        });
    }

    private void standIns() {
        support.delegate("applyCutoverDefaultsDelegate", x -> {
            for (Object[] kv : new Object[][] {{"sourceHost", "mail.contoso.com"}, {"sourcePort", 993L}, {"sourceSecurity", "TLS"},
                    {"sourceAdminUser", "administrator@contoso.com"}, {"sourceLoginMode", "PROXY"},
                    {"sourceCredentialRef", storedCredential}, {"dnsAutomationAvailable", false}, {"publishAutomatically", false},
                    {"applyDnsAutomatically", false}, {"decommissionExchange", false}, {"deltaSyncText", "1 day"}}) {
                Variables.setDefault(x, (String) kv[0], kv[1]);
            }
            x.setVariable("domainChecks", 0);
            x.setVariable("routingChecks", 0);
        });
        support.delegate("testSourceServerDelegate", x -> x.setVariable("sourceServerReady", next("sourceServerReady", true)));
        support.delegate("addDomainToTenantDelegate", "verificationRecord", "contoso.com. 3600 IN TXT \"MS=ms12345678\"");
        support.delegate("publishVerificationTxtDelegate");
        support.delegate("checkDomainVerificationDelegate", x -> {
            x.setVariable("domainVerified", next("domainVerified", true));
            Variables.increment(x, "domainChecks");
        });
        support.delegate("createMigrationEndpointDelegate", x -> {
            x.setVariable("sourceEndpointId", services.sourceEndpoint);
            x.setVariable("endpointTestPassed", next("endpointTestPassed", true));
        });
        support.batchSyncStandIns(syncPasses);
        support.delegate("convertToMailEnabledUserDelegate", x -> {
            synchronized (convertedMailboxes) {
                convertedMailboxes.add(Variables.number(x, "mailboxId"));
            }
        });
        support.delegate("checkBatchDeletableDelegate", x -> {
            x.setVariable("batchDeletable", next("batchDeletable", true));
            x.setVariable("finalSyncRunning", next("finalSyncRunning", false));
            x.setVariable("mailRoutedToCloudText", Variables.human(((Date) x.getVariable("mailRoutedToCloudAt")).toInstant()));
            x.setVariable("lastSyncedText", "2026-03-14 02:00:00 UTC");
            x.setVariable("deletionCheckText", "2 of 2 syncing mailboxes have not synced since mail started going to Microsoft 365");
        });
        support.delegate("deleteMigrationBatchDelegate", x -> {
            deletedBatches.add(Variables.number(x, "batchId"));
            services.batches.deleteBatch(Variables.number(x, "batchId"));
        });
        support.mxSwitchStandIns();
        support.delegate("licenceGraceNoticeDelegate", x -> x.setVariable("lastNotice", x.getVariable("noticeLevel")));
    }

    void outcomes(String variable, Object... values) {
        support.outcomes(variable, values);
    }

    Object next(String variable, Object otherwise) {
        return support.next(variable, otherwise);
    }

    ProcessInstance start(Map<String, Object> variables) {
        Map<String, Object> all = new HashMap<>(variables);
        all.put("domain", DOMAIN);
        return engine.getRuntimeService().startProcessInstanceByKey(PROCESS, DOMAIN, all);
    }

    /** The operator's usual answer to each form: checklists ticked, defaults kept. */
    private Map<String, Object> usualAnswer(String taskKey) {
        Map<String, Object> answer = new HashMap<>(switch (taskKey) {
            case TASK_CONFIRM_SOURCE_PREPARED -> Map.of("outlookAnywhereEnabled", true, "trustedCertificate", true,
                    "migrationPermissions", "FullAccess", "targetAddressWritable", true, "unifiedMessagingDisabled", true);
            case TASK_PUBLISH_VERIFICATION_RECORD -> Map.of("verificationRecordPublished", true);
            case TASK_CONFIRM_DIRECTORY_SYNC -> Map.of("directorySyncCompleted", true);
            case TASK_UPLOAD_MAILBOX_LIST -> Map.of("mailboxListId", listIdToEnter);
            case TASK_SYNCHRONISE_MISSING_USERS -> Map.of("missingUsersResolution", "checkAgain");
            case TASK_START_BATCH -> Map.of("batchStartConfirmed", true);
            case TASK_REVIEW_MIGRATION_REPORT -> Map.of("reportAccepted", true);
            case TASK_EXPLAIN_BATCH_NOT_DELETABLE -> Map.of("syncBeforeDeletion", "syncNow");
            case TASK_CHANGE_MX_AND_AUTODISCOVER -> Map.of("dnsRecordsChanged", true);
            case TASK_RESOLVE_MISSING_LICENCES -> Map.of("licencesAvailable", true);
            case TASK_DECOMMISSION_EXCHANGE -> Map.of("noMailOnSource", true, "supportContacted", true, "exchangeUninstalled", true);
            case MailboxMigrationIds.TASK_RESOLVE_MAILBOX_PROBLEM -> Map.of("mailboxResolution", "retry");
            default -> Map.<String, Object>of();
        });
        answer.putAll(answers.getOrDefault(taskKey, Map.of()));
        return answer;
    }

    /** Every open task of the migration, its batches and their mailboxes (they share the business key). */
    List<Task> openTasks() {
        return engine.getTaskService().createTaskQuery().processInstanceBusinessKey(DOMAIN).orderByTaskCreateTime().asc().list();
    }

    List<Task> openTasks(String taskKey) {
        return openTasks().stream().filter(t -> t.getTaskDefinitionKey().equals(taskKey)).toList();
    }

    void complete(Task task) {
        taskCount.merge(task.getTaskDefinitionKey(), 1, Integer::sum);
        engine.getTaskService().complete(task.getId(), usualAnswer(task.getTaskDefinitionKey()));
    }

    /** Runs jobs and answers user tasks until a task {@code stopAt} is open or the migration has ended. */
    void drive(ProcessInstance pi, String stopAt) {
        for (int step = 0; step < 400; step++) {
            support.runDueJobs();
            if (engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
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
            boolean dnsWait = task.getTaskDefinitionKey().equals(TASK_WAIT_FOR_MX_PROPAGATION)
                    || task.getTaskDefinitionKey().equals(TASK_WAIT_FOR_TTL_EXPIRY);
            if (dnsWait && !answers.containsKey(task.getTaskDefinitionKey())) {
                support.advance(Duration.ofHours(73)); // the operator comes back when the wait is over
            }
            complete(task);
        }
        throw new AssertionError("The staged migration did not settle within 400 steps; open tasks: " + openTasks());
    }

    /** The batch instances of the migration, by batch number. */
    Map<Long, ProcessInstance> batchInstances(ProcessInstance pi) {
        Map<Long, ProcessInstance> batches = new HashMap<>();
        for (ProcessInstance batch : engine.getRuntimeService().createProcessInstanceQuery().superProcessInstanceId(pi.getId()).list()) {
            batches.put((Long) engine.getRuntimeService().getVariable(batch.getId(), "batchNumber"), batch);
        }
        return batches;
    }

    long runningMailboxMigrations(Object batchId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(MailboxMigrationIds.PROCESS)
                .variableValueEquals("batchId", batchId).count();
    }
}

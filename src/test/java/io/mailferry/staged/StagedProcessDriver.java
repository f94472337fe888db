package io.mailferry.staged;

import static io.mailferry.staged.StagedMigrationIds.PROCESS;
import static io.mailferry.staged.StagedMigrationIds.TASK_UPLOAD_MAILBOX_LIST;

import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.mailbox.PlaintextEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.mailbox.TargetEndpointProperties;
import io.mailferry.mailboxlist.ListedMailbox;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.process.Variables;
import io.mailferry.secrets.Purpose;
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
 * The engine side of the staged migration's process tests. The list, directory-sync, batch-creation and message
 * delegates are the real ones, on the real list and batch services (H2) and the in-memory tenant; the shared steps'
 * delegates and those that reach mail servers, DNS and LDAP are stand-ins (their services and models have their own
 * tests). The {@link OperatorDriver} answers the tasks of the migration, its steps, batches and mailboxes.
 */
final class StagedProcessDriver {
    static final String DOMAIN = "contoso.com";

    final ProcessTestSupport support;
    final ProcessEngine engine;
    final OperatorDriver operator;
    ListFixture services;
    /** What each migration owns, in the services' database, where its batches are. */
    OwnedMigration owned;

    final List<String> syncPasses = new ArrayList<>();
    final List<Long> convertedMailboxes = new ArrayList<>();
    final List<Long> deletedBatches = new ArrayList<>();

    StagedProcessDriver(ProcessEngine engine) {
        this.engine = engine;
        support = new ProcessTestSupport(engine);
        operator = new OperatorDriver(engine, support, DOMAIN);
        realDelegates();
        standIns();
        Mocks.register("stagedChoicesListener", new StagedChoicesListener());
        Mocks.register("reportBatchMigratedDelegate", new ReportBatchMigratedDelegate());
        Mocks.register("startNextBatchDelegate", new StartNextBatchDelegate());
        Mocks.register("releaseBatchesForDeletionDelegate", new ReleaseBatchesForDeletionDelegate());
    }

    /** The real delegates, on list and batch services with their own H2 database and a tenant of 10,000 licences. */
    private void realDelegates() {
        services = new ListFixture(10_000);
        owned = support.migrationsIn(services.jdbc);
        StagedListService lists = new StagedListService(services.lists, services.tenant);
        ConfiguredEndpoints endpoints = new ConfiguredEndpoints(
                new MigrationEndpointService(services.jdbc, services.secrets, PlaintextEndpoints.none()),
                services.secrets,
                new TargetEndpointProperties(
                        "127.0.0.1",
                        993,
                        ImapSecurity.TLS,
                        "admin@contoso.onmicrosoft.com",
                        "Target-Pw-1",
                        LoginMode.SHARED_PASSWORD,
                        false),
                new SourceEndpointProperties(
                        "mail.contoso.com",
                        993,
                        ImapSecurity.TLS,
                        "administrator@contoso.com",
                        null,
                        LoginMode.PROXY,
                        false));
        Mocks.register("checkMailboxListDelegate", new CheckMailboxListDelegate(lists, owned));
        Mocks.register("checkListUsersDelegate", new CheckListUsersDelegate(lists, support.timers(), owned));
        Mocks.register(
                "createStagedBatchDelegate",
                new CreateStagedBatchDelegate(
                        new StagedBatchService(services.lists, services.batches), endpoints, owned));
    }

    /** A stored list of {@code mailboxes} whose users directory synchronisation has created. */
    MailboxList listWithUsers(int mailboxes) {
        MailboxList list = services.storeList(mailboxes);
        services.synchroniseUsers(mailboxes);
        return list;
    }

    /** What the operator enters in "Upload the list of mailboxes". */
    void enterListId(long listId) {
        operator.answers.put(TASK_UPLOAD_MAILBOX_LIST, Map.of("mailboxListId", listId));
    }

    /**
     * Batches made of the first two mailboxes of each batch of the list: a 2,002-mailbox list still has two batches,
     * but the engine runs four mailbox migrations instead of 2,002.
     */
    void smallBatches() {
        support.delegate("createStagedBatchDelegate", x -> {
            long listId = owned.mailboxList(x);
            long number = Variables.number(x, "batchNumber");
            List<String> first = services.lists.rows(listId, (int) number).stream()
                    .limit(2)
                    .map(ListedMailbox::address)
                    .toList();
            long batchId = services.batches.createBatch(
                    "Staged contoso.com, list " + listId + ", batch " + number,
                    DOMAIN,
                    services.sourceEndpoint,
                    services.targetEndpoint,
                    first);
            owned.authority().claimBatch(OwnedMigration.migrationId(x), batchId);
            x.setVariable("batchId", batchId);
            x.setVariable("batchName", "Staged contoso.com, list " + listId + ", batch " + number);
            x.setVariable("mailboxIds", new ArrayList<>(services.batches.mailboxIds(batchId)));
            x.setVariable("mailboxCount", first.size());
            x.setVariable("batchMailboxesText", String.join("\n", first));
        });
    }

    private void standIns() {
        String storedCredential = services.secrets.store(
                Purpose.imapLogin("mail.contoso.com", 993),
                "Exchange migration administrator",
                "Adm1n-Pw!".toCharArray(),
                "operator");
        support.tenantConnectionStandIns();
        support.domainVerificationStandIns();
        support.sourceStandIns(storedCredential, services.secrets, () -> services.sourceEndpoint);
        // as the real step does, the endpoint is recorded as the migration's own: its batches are made from it
        support.delegate("createMigrationEndpointDelegate", x -> {
            owned.authority().recordSourceEndpoint(OwnedMigration.migrationId(x), services.sourceEndpoint);
            x.setVariable("sourceEndpointId", services.sourceEndpoint);
            x.setVariable("endpointTestPassed", next("endpointTestPassed", true));
        });
        support.batchSyncStandIns(syncPasses);
        support.delegate("convertToMailEnabledUserDelegate", x -> {
            boolean finished = (Boolean) next("mailboxFinished", true);
            x.setVariableLocal("mailboxFinished", finished);
            if (!finished) {
                x.setVariableLocal("mailboxAddress", "mailbox " + x.getVariable("mailboxId"));
                x.setVariableLocal("conversionBlocker", "its last sync failed: Connection reset by mail.contoso.com");
                return;
            }
            synchronized (convertedMailboxes) {
                convertedMailboxes.add(Variables.number(x, "mailboxId"));
            }
        });
        support.delegate("checkBatchDeletableDelegate", x -> {
            x.setVariable("batchDeletable", next("batchDeletable", true));
            x.setVariable("finalSyncRunning", next("finalSyncRunning", false));
            x.setVariable(
                    "mailRoutedToCloudText",
                    Variables.human(((Date) x.getVariable("mailRoutedToCloudAt")).toInstant()));
            x.setVariable("lastSyncedText", "2026-03-14 02:00:00 UTC");
            x.setVariable(
                    "deletionCheckText",
                    "2 of 2 syncing mailboxes have not synced since mail started going to Microsoft 365");
        });
        support.delegate("deleteMigrationBatchDelegate", x -> {
            deletedBatches.add(Variables.number(x, "batchId"));
            services.batches.deleteBatch(Variables.number(x, "batchId"));
        });
        support.mxSwitchStandIns();
        support.licenceStandIns();
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

    /** The batch instances of the migration, by batch number. */
    Map<Long, ProcessInstance> batchInstances(ProcessInstance pi) {
        Map<Long, ProcessInstance> batches = new HashMap<>();
        for (ProcessInstance batch : operator.called(pi, StagedMigrationBatchIds.PROCESS)) {
            batches.put((Long) engine.getRuntimeService().getVariable(batch.getId(), "batchNumber"), batch);
        }
        return batches;
    }

    /** The process instance of the open task's batch: the review runs in a step the batch called. */
    String batchOf(Task task) {
        ProcessInstance instance = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId())
                .singleResult();
        ProcessInstance parent = engine.getRuntimeService()
                .createProcessInstanceQuery()
                .subProcessInstanceId(instance.getId())
                .singleResult();
        return parent == null ? instance.getId() : parent.getId();
    }

    long runningMailboxMigrations(Object batchId) {
        return engine.getRuntimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(MailboxMigrationIds.PROCESS)
                .variableValueEquals("batchId", batchId)
                .count();
    }
}

package io.mailferry.e2e;

import static io.mailferry.domainverification.VerifyDomainIds.END_EVENT_DOMAIN_VERIFIED;
import static io.mailferry.domainverification.VerifyDomainIds.TASK_PUBLISH_VERIFICATION_RECORD;
import static io.mailferry.initialsync.ReviewInitialSyncIds.TASK_REVIEW_MIGRATION_REPORT;
import static io.mailferry.licences.LicencesAndDecommissioningIds.TASK_DECIDE_DECOMMISSIONING;
import static io.mailferry.licences.LicencesAndDecommissioningIds.TASK_DECOMMISSION_EXCHANGE;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_CHANGE_MX_AND_AUTODISCOVER;
import static io.mailferry.mailrouting.SwitchMailRoutingIds.TASK_WAIT_FOR_MX_PROPAGATION;
import static io.mailferry.sourceendpoint.ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT;
import static io.mailferry.sourceendpoint.PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED;
import static io.mailferry.staged.StagedMigrationBatchIds.TASK_CHECK_BATCH_DELETABLE;
import static io.mailferry.staged.StagedMigrationBatchIds.TASK_DELETE_MIGRATION_BATCH;
import static io.mailferry.staged.StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE;
import static io.mailferry.staged.StagedMigrationIds.END_EVENT_STAGED_MIGRATION_COMPLETED;
import static io.mailferry.staged.StagedMigrationIds.TASK_CONFIRM_DIRECTORY_SYNC;
import static io.mailferry.staged.StagedMigrationIds.TASK_SYNCHRONISE_MISSING_USERS;
import static io.mailferry.staged.StagedMigrationIds.TASK_UPLOAD_MAILBOX_LIST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatch;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryRecipient;
import io.mailferry.directory.DirectoryService;
import io.mailferry.domainverification.VerifyDomainIds;
import io.mailferry.mailboxlist.PasswordLeaks;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.mailrouting.MailRoutingVariables;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.SourceEndpointVariables;
import io.mailferry.staged.StagedMigrationBatchIds;
import io.mailferry.staged.StagedMigrationIds;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staged migration's acceptance run against the demo's embedded servers: StagedMigration started over REST
 * without a list; when the upload task comes, the five demo users are uploaded as a CSV (with passwords) split into
 * batches of three, and the task gets the list's id; every other user task is submitted with its deployed form's
 * values (checkboxes ticked, defaults kept, and the one required choice without a default, how the migration
 * administrator may open the mailboxes, answered). Then two StagedMigrationBatch instances must have run; every
 * mailbox must be on Microsoft 365 byte for byte, including mail that reached the on-premises mailbox after the MX
 * change; every user must be a mail-enabled user forwarding to the tenant's initial domain; no batch may have been
 * deleted before each of its mailboxes synced after the MX change; and no password of the list may be anywhere.
 * <p>
 * Delta syncs are an hour apart here, so between the MX change and the deletion check no mailbox syncs by itself:
 * the check must refuse every batch, and only the sync the operator then asks for may let it be deleted.
 * The context is closed afterwards: the demo's servers hold fixed ports that the next demo test needs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:mailferry-staged-e2e;DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=false",
            "mailferry.timers.mx-propagation-wait=PT8S",
            "mailferry.demo.dns.mx-ttl=5", // the MX wait lasts at least the old MX TTL
            "mailferry.timers.delta-sync-interval=PT1H", // no sync by itself between the MX change and the deletion
            // check
            "mailferry.timers.sync-status-poll=PT1S",
            "mailferry.timers.domain-recheck-interval=PT1S",
            "mailferry.timers.routing-recheck-interval=PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=200",
            "camunda.bpm.job-execution.max-wait=1000",
            // a password that cannot occur by chance, so that finding it anywhere proves a leak
            "mailferry.demo.password=" + StagedDemoEndToEndTest.DEMO_PASSWORD
        })
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("demo")
@DirtiesContext
class StagedDemoEndToEndTest {
    static final String DEMO_PASSWORD = "Qx7-staged-Pw-e2e";
    private static final String DOMAIN = "contoso.com";
    private static final String LATE_SUBJECT = "Arrived on-premises after the MX change";
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String IN_BATCHES_OF_THREE = "split=true&batchSize=3";

    @LocalServerPort
    int port;

    @Autowired
    HistoryService history;

    @Autowired
    RuntimeService runtime;

    @Autowired
    MigrationBatchService batches;

    @Autowired
    DirectoryService directory;

    @Autowired
    JdbcTemplate jdbc;

    /** The demo users with the Microsoft 365 password each gets in the list, in the order of the file. */
    private final Map<String, String> users = new LinkedHashMap<>();
    /** The user of each batch (by batch id) who receives mail on-premises after the MX change. */
    private final Map<Long, String> lateMail = new LinkedHashMap<>();

    @Test
    void shouldRunTwoStagedBatchesFromFormDefaultsConvertEveryUserAndDeleteEachBatchOnlyAfterASyncPastTheMxChange(
            CapturedOutput output) throws Exception {
        for (int i = 1; i <= 5; i++) {
            users.put(String.format("user%02d@%s", i, DOMAIN), String.format("Zq4-list-Pw-%02d", i));
        }
        DemoOperator operator = new DemoOperator(port);
        ResponseEntity<JsonNode> tooEarly = operator.uploadMailboxList("pilot.csv", mailboxList(), IN_BATCHES_OF_THREE);
        assertThat(tooEarly.getStatusCode())
                .as("a list is refused while its domain is not verified")
                .isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(tooEarly.getBody().get("errors").get(0).get("message").asText())
                .startsWith("contoso.com is not a verified domain");

        Instant started = Instant.now();
        String migration = operator.start(StagedMigrationIds.PROCESS, DOMAIN, Map.of("domain", DOMAIN));
        List<String> submitted = new ArrayList<>();
        Instant uploadedAt = null;
        while (!operator.ended(migration)) {
            if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                fail("The staged migration did not end within " + TIMEOUT + "; tasks submitted: " + submitted
                        + "; incidents: " + operator.incidents());
            }
            assertThat(operator.incidents()).as("incidents").isEmpty();
            for (JsonNode task : operator.tasks(DOMAIN)) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key)
                        .as("no mailbox may need the operator, and directory synchronisation created every user")
                        .isNotIn(MailboxMigrationIds.TASK_RESOLVE_MAILBOX_PROBLEM, TASK_SYNCHRONISE_MISSING_USERS);
                ObjectNode values = operator.formDefaults(task.get("id").asText());
                List<String> leftEmpty =
                        operator.requiredFieldsLeftEmpty(task.get("id").asText());
                if (key.equals(TASK_UPLOAD_MAILBOX_LIST)) {
                    // the one field no default can fill: the id the mailbox lists page gave the uploaded list
                    assertThat(leftEmpty).containsExactly("mailboxListId");
                    values.putObject("mailboxListId")
                            .put("value", upload(operator))
                            .put("type", "Long");
                    uploadedAt = Instant.now();
                } else if (key.equals(TASK_CONFIRM_SOURCE_PREPARED)) {
                    // an attestation like the checkboxes beside it, so it has no default: the operator says how
                    // the migration administrator was given access (the process only records it)
                    assertThat(leftEmpty).containsExactly("migrationPermissions");
                    values.putObject("migrationPermissions")
                            .put("value", "FullAccess")
                            .put("type", "String");
                } else {
                    assertThat(leftEmpty)
                            .as(key + ": required fields Tasklist would show empty")
                            .isEmpty();
                }
                if (key.equals(TASK_EXPLAIN_BATCH_NOT_DELETABLE)) {
                    deliverLateMail(task.get("processInstanceId").asText());
                }
                operator.submit(task, values);
                submitted.add(key);
            }
            Thread.sleep(300);
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.println(
                "Demo staged migration end to end: " + took.toMillis() + " ms; tasks submitted: " + submitted);

        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(migration)
                        .activityId(END_EVENT_STAGED_MIGRATION_COMPLETED)
                        .count())
                .isEqualTo(1);
        assertThat(submitted)
                .contains(
                        TASK_CONFIRM_SOURCE_PREPARED,
                        ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365,
                        TASK_PUBLISH_VERIFICATION_RECORD,
                        TASK_CONFIRM_DIRECTORY_SYNC,
                        TASK_UPLOAD_MAILBOX_LIST,
                        TASK_ENTER_MIGRATION_ENDPOINT,
                        TASK_CHANGE_MX_AND_AUTODISCOVER,
                        TASK_WAIT_FOR_MX_PROPAGATION,
                        TASK_DECIDE_DECOMMISSIONING,
                        TASK_DECOMMISSION_EXCHANGE);
        assertThat(submitted.stream()
                        .filter(TASK_REVIEW_MIGRATION_REPORT::equals)
                        .count())
                .as("a report per batch")
                .isEqualTo(2);
        assertThat(uploadedAt)
                .as("uploaded after the process verified the domain")
                .isAfterOrEqualTo(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(lastCalled(migration, VerifyDomainIds.PROCESS))
                        .activityId(END_EVENT_DOMAIN_VERIFIED)
                        .singleResult()
                        .getEndTime()
                        .toInstant());
        assertMxWaitKept(migration, submitted);

        List<HistoricProcessInstance> batchRuns = new ArrayList<>(history.createHistoricProcessInstanceQuery()
                .superProcessInstanceId(migration)
                .processDefinitionKey(StagedMigrationBatchIds.PROCESS)
                .list());
        batchRuns.sort(Comparator.comparingLong(run -> ((Number) variable(run.getId(), "batchNumber")).longValue()));
        assertThat(batchRuns)
                .as("one StagedMigrationBatch per batch of the list")
                .hasSize(2)
                .allSatisfy(run -> assertThat(run.getState()).isEqualTo("COMPLETED"))
                .extracting(run -> variable(run.getId(), "batchNumber"))
                .containsExactly(1L, 2L);
        Instant mxChangedAt = ((Date) variable(migration, "mxChangedAt")).toInstant();
        List<String> migrated = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (HistoricProcessInstance run : batchRuns) {
            long batchId = ((Number) variable(run.getId(), "batchId")).longValue();
            List<String> addresses = batches.mailboxes(batchId).stream()
                    .map(BatchMailbox::sourceAddress)
                    .toList();
            assertThat(history.createHistoricActivityInstanceQuery()
                            .processInstanceId(run.getId())
                            .activityId(StagedMigrationBatchIds.END_EVENT_BATCH_FINISHED)
                            .count())
                    .isEqualTo(1);
            assertDeletedOnlyAfterASyncPastTheMxChange(run.getId(), batchId, mxChangedAt);
            migrated.addAll(addresses);
            sizes.add(addresses.size());
        }
        assertThat(sizes).as("batches of at most 3").containsExactly(3, 2);
        assertThat(migrated).as("in the order of the list").containsExactlyElementsOf(users.keySet());
        assertThat(lateMail)
                .as("mail reached a user of each batch on-premises after the MX change")
                .hasSize(2);

        for (String user : users.keySet()) {
            Map<String, List<String>> onPremises = DemoMailboxes.read(3143, user, DEMO_PASSWORD);
            assertThat(DemoMailboxes.read(4143, user, DEMO_PASSWORD))
                    .as(user + " on Microsoft 365")
                    .isEqualTo(onPremises);
            assertThat(onPremises.values().stream().mapToInt(List::size).sum())
                    .as("the seeded mailbox is not empty, so the comparison means something")
                    .isGreaterThan(10);
            DirectoryRecipient recipient = directory.recipient(user);
            assertThat(recipient.mailEnabledUser())
                    .as(user + " is a mail-enabled user: " + recipient)
                    .isTrue();
            assertThat(recipient.targetAddress())
                    .isEqualTo("SMTP:" + user.replace("@" + DOMAIN, "@contoso.onmicrosoft.com"));
        }
        for (String user : lateMail.values()) {
            assertThat(DemoMailboxes.read(4143, user, DEMO_PASSWORD).get("INBOX"))
                    .as(user)
                    .anyMatch(m -> m.endsWith(LATE_SUBJECT));
        }

        List<String> secrets = new ArrayList<>(users.values());
        secrets.add(DEMO_PASSWORD);
        assertThat(SecretScan.placesContaining(secrets, history, output.getAll()))
                .as("places a password appears")
                .isEmpty();
        for (String password : users.values()) {
            assertThat(PasswordLeaks.tablesContaining(jdbc, password))
                    .as("the list's passwords in clear in a table")
                    .isEmpty();
        }
        // the endpoint step used the configured administrator by choice, never its reference in a variable
        assertThat(variable(
                        lastCalled(migration, ConnectSourceEndpointIds.PROCESS),
                        SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR))
                .isEqualTo(true);
        assertThat(history.createHistoricVariableInstanceQuery()
                        .variableName(SourceEndpointVariables.SOURCE_CREDENTIAL_REF)
                        .count())
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM mf_secret WHERE stored_by <> 'configuration'", Integer.class))
                .as("secrets stored for the uploaded list's passwords")
                .isZero();
        assertThat(SecretScan.placesShowingReferences(jdbc, history, output.getAll()))
                .as("places a secret's reference appears")
                .isEmpty();
    }

    /** The five demo users with their new passwords, as an administrator exports them. */
    private byte[] mailboxList() {
        StringBuilder csv = new StringBuilder("EmailAddress,Password,ForceChangePassword\r\n");
        users.forEach((address, password) ->
                csv.append(address).append(',').append(password).append(",False\r\n"));
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Uploads the list as the operator does on the mailbox lists page, in batches of three; the new list's id. */
    private long upload(DemoOperator operator) {
        ResponseEntity<JsonNode> stored = operator.uploadMailboxList("pilot.csv", mailboxList(), IN_BATCHES_OF_THREE);
        assertThat(stored.getStatusCode()).as(String.valueOf(stored.getBody())).isEqualTo(HttpStatus.CREATED);
        assertThat(stored.getBody().get("batches").toString())
                .isEqualTo("[{\"number\":1,\"mailboxes\":3},{\"number\":2,\"mailboxes\":2}]");
        assertThat(stored.getBody().toString())
                .doesNotContain(users.values().iterator().next());
        return stored.getBody().get("id").asLong();
    }

    /**
     * The batch may not be deleted yet: mail that reaches one of its users on-premises now, after the MX change, is
     * what the sync before the deletion must still bring across.
     */
    private void deliverLateMail(String batchInstanceId) throws Exception {
        long batchId = ((Number) runtime.getVariable(batchInstanceId, "batchId")).longValue();
        if (!lateMail.containsKey(batchId)) {
            String user = batches.mailboxes(batchId).get(0).sourceAddress();
            DemoMailboxes.deliver(
                    3143, user, DEMO_PASSWORD, LATE_SUBJECT, "The sync before the deletion must bring this.");
            lateMail.put(batchId, user);
        }
    }

    /** Submitted before its end without a reason, the MX wait comes back; it ends only once its minimum is over. */
    private void assertMxWaitKept(String migration, List<String> submitted) {
        assertThat(submitted.stream()
                        .filter(TASK_WAIT_FOR_MX_PROPAGATION::equals)
                        .count())
                .as("the MX wait came back while submitted without a reason before its end")
                .isGreaterThan(1);
        // the wait is the SwitchMailRouting step's, called by the migration: its last run decided when mail moved
        String routing = lastCalled(migration, SwitchMailRoutingIds.PROCESS);
        Date waitUntil = (Date) variable(routing, MailRoutingVariables.MX_WAIT_UNTIL);
        assertThat(history.createHistoricTaskInstanceQuery()
                        .processInstanceId(routing)
                        .taskDefinitionKey(TASK_WAIT_FOR_MX_PROPAGATION)
                        .finished()
                        .orderByHistoricTaskInstanceEndTime()
                        .desc()
                        .list()
                        .get(0)
                        .getEndTime())
                .isAfterOrEqualTo(waitUntil);
    }

    /**
     * Microsoft's rule, as it held when the batch was deleted: its first deletion check (after the MX change) was
     * refused, the operator's "run a sync now" followed, and by the deletion every mailbox had last synced after the
     * MX change — with the final pass, which nothing but that request starts.
     */
    private void assertDeletedOnlyAfterASyncPastTheMxChange(String run, long batchId, Instant mxChangedAt) {
        assertThat(((Date) variable(run, "mailRoutedToCloudAt")).toInstant()).isEqualTo(mxChangedAt);
        List<Object> checks = history
                .createHistoricDetailQuery()
                .processInstanceId(run)
                .variableUpdates()
                .orderByTime()
                .asc()
                .list()
                .stream()
                .map(d -> (HistoricVariableUpdate) d)
                .filter(u -> u.getVariableName().equals("batchDeletable"))
                .map(HistoricVariableUpdate::getValue)
                .toList();
        assertThat(checks)
                .as("batch " + batchId + ": deletion checks")
                .startsWith(false)
                .endsWith(true);
        List<HistoricTaskInstance> refusals = history.createHistoricTaskInstanceQuery()
                .processInstanceId(run)
                .taskDefinitionKey(TASK_EXPLAIN_BATCH_NOT_DELETABLE)
                .finished()
                .list();
        assertThat(refusals).as("batch " + batchId + ": the refusal came up").hasSize(1);
        HistoricActivityInstance firstCheck = history.createHistoricActivityInstanceQuery()
                .processInstanceId(run)
                .activityId(TASK_CHECK_BATCH_DELETABLE)
                .orderByHistoricActivityInstanceStartTime()
                .asc()
                .list()
                .get(0);
        HistoricActivityInstance deletion = history.createHistoricActivityInstanceQuery()
                .processInstanceId(run)
                .activityId(TASK_DELETE_MIGRATION_BATCH)
                .singleResult();
        assertThat(firstCheck.getStartTime().toInstant()).isAfter(mxChangedAt);
        assertThat(deletion.getStartTime()).isAfter(refusals.get(0).getEndTime());

        MigrationBatch batch = batches.batch(batchId);
        assertThat(batch.deletedAt())
                .as("batch " + batchId + " deleted")
                .isNotNull()
                .isAfter(mxChangedAt);
        assertThat(batch.finalSyncRequested()).isTrue();
        for (BatchMailbox mailbox : batches.mailboxes(batchId)) {
            assertThat(mailbox.status()).as(mailbox.sourceAddress()).isEqualTo(MailboxStatus.COMPLETED);
            assertThat(mailbox.lastSyncedAt())
                    .as(mailbox.sourceAddress() + ": last synced after the MX change, before" + " the deletion")
                    .isAfter(mxChangedAt)
                    .isBeforeOrEqualTo(batch.deletedAt());
        }
    }

    /** The latest run of the called process {@code key} under the migration {@code root}. */
    private String lastCalled(String root, String key) {
        return history.createHistoricProcessInstanceQuery()
                .rootProcessInstanceId(root)
                .processDefinitionKey(key)
                .orderByProcessInstanceStartTime()
                .desc()
                .list()
                .get(0)
                .getId();
    }

    private Object variable(String processInstanceId, String name) {
        return history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableName(name)
                .singleResult()
                .getValue();
    }
}

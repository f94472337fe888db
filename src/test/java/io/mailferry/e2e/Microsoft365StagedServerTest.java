package io.mailferry.e2e;

import static io.mailferry.e2e.Microsoft365RigNode.DOMAIN;
import static io.mailferry.e2e.Microsoft365RigNode.FOLDERS;
import static io.mailferry.e2e.Microsoft365RigNode.INITIAL_DOMAIN;
import static io.mailferry.e2e.Microsoft365RigNode.MESSAGES_PER_FOLDER;
import static io.mailferry.e2e.Microsoft365RigNode.bindMx;
import static io.mailferry.e2e.Microsoft365RigNode.indexOfFirst;
import static io.mailferry.e2e.Microsoft365RigNode.sourceMailbox;
import static io.mailferry.e2e.Microsoft365RigNode.text;
import static io.mailferry.e2e.Microsoft365RigNode.variable;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryRecipient;
import io.mailferry.directory.DirectoryService;
import io.mailferry.m365.GraphStandIn;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.sourceendpoint.PrepareSourceServerIds;
import io.mailferry.staged.StagedMigrationBatchIds;
import io.mailferry.staged.StagedMigrationIds;
import io.mailferry.staged.StagedVariables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 11, Done when: the staged migration against the offline Microsoft 365 rig ({@link Microsoft365RigNode}), on
 * a node of the production profile, driven over REST through its forms as its administrator, to the end. The test
 * plays the parts outside Mailferry: Entra Connect (directory synchronisation brings the users into the tenant, one
 * of them only when the runbook says it is missing, and one with an alias that is not its address's local part, so
 * that its cloud routing address cannot be guessed), and mail that reaches each batch's first user on-premises after
 * the MX change.
 *
 * <p>Tagged {@code server}: run by {@code mvn -Pserver-tests} (.ci/run) with BIND9_* and DOVECOT_* from the servers'
 * env files. The mailboxes user01..user04@contoso.com are emptied on both sides first.
 */
@Tag("server")
class Microsoft365StagedServerTest {
    private static final int MAILBOXES = 4;
    private static final Duration TIMEOUT = Duration.ofMinutes(6);
    /** Brought in by directory synchronisation only once the runbook names it missing. */
    private static final String LATE_USER = "user04@" + DOMAIN;
    /** Synchronised with an alias of its own: its cloud mailbox is wilson.u03@contoso.onmicrosoft.com. */
    private static final String ALIASED_USER = "user03@" + DOMAIN;

    private static final String ALIAS = "wilson.u03";

    static Microsoft365RigNode rig;
    static GraphStandIn graph;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        rig = Microsoft365RigNode.start(dir, MAILBOXES, MAILBOXES + 1, List.of());
        graph = rig.graph;
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theWholeStagedMigrationRunsAgainstTheRigAndConvertsEachUserToItsRealCloudAddress() throws Exception {
        RuntimeService runtime = rig.bean(RuntimeService.class);
        MigrationBatchService batches = rig.bean(MigrationBatchService.class);
        Instant started = Instant.now();
        Map<Long, String> lateMail = new LinkedHashMap<>();
        Microsoft365RigNode.Run run = rig.runToTheEnd(
                StagedMigrationIds.PROCESS,
                TIMEOUT,
                List.of(
                        MailboxMigrationIds.TASK_RESOLVE_MAILBOX_PROBLEM,
                        StagedMigrationBatchIds.TASK_EXPLAIN_MAILBOX_NOT_FINISHED,
                        "Task_ResolveDnsChangeFailure"),
                (key, task, values) -> {
                    switch (key) {
                        case PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED ->
                            text(values, "migrationPermissions", "FullAccess");
                        case StagedMigrationIds.TASK_CONFIRM_DIRECTORY_SYNC -> {
                            // Entra Connect's first cycle: every user but one
                            for (String user : rig.users) {
                                if (user.equals(ALIASED_USER)) {
                                    graph.synchronisedUser(user, "User 03", ALIAS);
                                } else if (!user.equals(LATE_USER)) {
                                    graph.synchronisedUser(user, user);
                                }
                            }
                        }
                        case StagedMigrationIds.TASK_UPLOAD_MAILBOX_LIST ->
                            values.putObject("mailboxListId")
                                    .put("value", upload(rig.operator()))
                                    .put("type", "Long");
                        case StagedMigrationIds.TASK_SYNCHRONISE_MISSING_USERS -> {
                            // the form's text is escaped for Markdown: user04&#64;contoso&#46;com
                            DemoOperator operator = rig.operator();
                            assertThat(variable(operator, task, StagedVariables.LIST_USERS_MISSING_COUNT))
                                    .as("only the user Graph does not know yet")
                                    .isEqualTo("1");
                            assertThat(variable(operator, task, StagedVariables.LIST_USERS_MISSING))
                                    .contains("user04");
                            graph.synchronisedUser(LATE_USER, "User 04");
                        }
                        case StagedMigrationBatchIds.TASK_EXPLAIN_BATCH_NOT_DELETABLE -> {
                            long batchId = ((Number) runtime.getVariable(
                                            task.get("processInstanceId").asText(), "batchId"))
                                    .longValue();
                            if (!lateMail.containsKey(batchId)) {
                                String user = batches.mailboxes(batchId).get(0).sourceAddress();
                                Microsoft365RigNode.deliverOnPremises(
                                        user, "late-" + batchId + "@contoso.com", "Arrived after the MX change");
                                lateMail.put(batchId, user);
                            }
                        }
                        default -> {}
                    }
                });
        String migration = run.instance();
        List<String> submitted = run.submitted();

        HistoryService history = rig.bean(HistoryService.class);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(migration)
                        .activityId(StagedMigrationIds.END_EVENT_STAGED_MIGRATION_COMPLETED)
                        .count())
                .isEqualTo(1);
        assertThat(submitted.stream()
                        .filter(StagedMigrationIds.TASK_SYNCHRONISE_MISSING_USERS::equals)
                        .count())
                .as("Graph's answer stopped the list until directory synchronisation brought the user in")
                .isEqualTo(1);
        assertThat(lateMail).as("a late message per batch").hasSize(2);

        // every message, the late ones too, is in Exchange Online, in its folder, exactly once
        for (String user : rig.users) {
            Map<String, List<String>> source = sourceMailbox(user);
            assertThat(source.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(FOLDERS.size() * MESSAGES_PER_FOLDER + (lateMail.containsValue(user) ? 1 : 0));
            assertThat(rig.targetMailbox(user)).as(user + " in Exchange Online").isEqualTo(source);
        }

        // each on-premises user forwards to the cloud routing address Graph gave, not to a guess
        DirectoryService directory = rig.bean(DirectoryService.class);
        for (String user : rig.users) {
            DirectoryRecipient recipient = directory.recipient(user);
            String alias = user.equals(ALIASED_USER) ? ALIAS : user.substring(0, user.indexOf('@'));
            assertThat(recipient.mailEnabledUser())
                    .as(user + " is a mail-enabled user: " + recipient)
                    .isTrue();
            assertThat(recipient.targetAddress()).as(user).isEqualTo("SMTP:" + alias + "@" + INITIAL_DOMAIN);
        }

        // the MX is the host Microsoft 365 provisioned for the domain (Graph's serviceConfigurationRecords)
        String mx = graph.mxTarget(DOMAIN).orElseThrow();
        assertThat(mx).endsWith(".mx.microsoft");
        assertThat(bindMx()).containsExactly(mx);
        assertThat(rig.values(migration, "routingStatus"))
                .as("what the routing check compared")
                .isNotEmpty()
                .allMatch(status -> String.valueOf(status).contains(mx));

        // the tenant's calls: directory synchronisation made the users, Mailferry looked them up and licensed them
        List<String> calls = graph.calls();
        int added = calls.indexOf("POST /domains");
        int lastVerify = calls.lastIndexOf("POST /domains/" + DOMAIN + "/verify");
        int firstLicence = indexOfFirst(calls, "POST /users/", "/assignLicense");
        assertThat(added).as("domain added: " + calls).isNotNegative();
        assertThat(lastVerify).as("verified after it was added: " + calls).isGreaterThan(added);
        assertThat(firstLicence).as("licences after the domain: " + calls).isGreaterThan(lastVerify);
        assertThat(calls).as("a staged migration creates no user").doesNotContain("POST /users");
        for (String user : rig.users) {
            assertThat(graph.user(user).orElseThrow().path("assignedLicenses").size())
                    .as(user + " licensed")
                    .isEqualTo(1);
        }
        for (Long batchId : lateMail.keySet()) {
            assertThat(batches.batch(batchId).deletedAt())
                    .as("batch " + batchId + " deleted")
                    .isNotNull();
            assertThat(batches.mailboxes(batchId))
                    .extracting(BatchMailbox::lastSyncedAt)
                    .allMatch(synced -> synced.isAfter(started));
        }
    }

    /** The four users, no passwords (the users exist already), in batches of two, as on the mailbox lists page. */
    private static long upload(DemoOperator operator) {
        StringBuilder csv = new StringBuilder("EmailAddress\r\n");
        rig.users.forEach(user -> csv.append(user).append("\r\n"));
        ResponseEntity<JsonNode> stored = operator.uploadMailboxList(
                "staged.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "split=true&batchSize=2");
        assertThat(stored.getStatusCode()).as(String.valueOf(stored.getBody())).isEqualTo(HttpStatus.CREATED);
        return stored.getBody().get("id").asLong();
    }
}

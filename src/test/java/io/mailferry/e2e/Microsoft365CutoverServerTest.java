package io.mailferry.e2e;

import static io.mailferry.e2e.Microsoft365RigNode.DOMAIN;
import static io.mailferry.e2e.Microsoft365RigNode.FOLDERS;
import static io.mailferry.e2e.Microsoft365RigNode.MESSAGES_PER_FOLDER;
import static io.mailferry.e2e.Microsoft365RigNode.bindMx;
import static io.mailferry.e2e.Microsoft365RigNode.bindTxt;
import static io.mailferry.e2e.Microsoft365RigNode.indexOfFirst;
import static io.mailferry.e2e.Microsoft365RigNode.sourceMailbox;
import static io.mailferry.e2e.Microsoft365RigNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.cutover.CutoverMigrationIds;
import io.mailferry.cutover.CutoverVariables;
import io.mailferry.m365.GraphStandIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, 7(c): a production-shaped cutover. The whole CutoverMigration in a node of the production profile
 * against the offline Microsoft 365 rig ({@link Microsoft365RigNode}: token server, Graph stand-in, XOAUTH2 Dovecot
 * as Exchange Online, source Dovecot as the on-premises Exchange, BIND9 with TSIG, in-process LDAP and SMTP). The
 * runbook is driven over REST through its forms, as its administrator, to the end; the administrator's own part in
 * Exchange Online (New-DistributionGroup) is done on the Graph stand-in when the task shows the commands.
 *
 * <p>Tagged {@code server}: {@code mvn -Pserver-tests} (.ci/run) runs it with BIND9_* and DOVECOT_* from the servers'
 * env files, and a missing one fails it. The mailboxes user01..user03@contoso.com are emptied on both sides first.
 */
@Tag("server")
class Microsoft365CutoverServerTest {
    private static final int MAILBOXES = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    static Microsoft365RigNode rig;
    static GraphStandIn graph;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        rig = Microsoft365RigNode.start(dir, MAILBOXES, MAILBOXES + 2, List.of());
        graph = rig.graph;
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theWholeCutoverRunsAgainstTheRigAndEndsWithTheMailInExchangeOnline() throws Exception {
        List<String> groupsCreated = new ArrayList<>();
        Microsoft365RigNode.Run run = rig.runToTheEnd(
                CutoverMigrationIds.PROCESS,
                TIMEOUT,
                List.of("Task_ResolveMailboxProblem", "Task_ResolveDnsChangeFailure"),
                (key, task, values) -> {
                    switch (key) {
                        case CutoverMigrationIds.TASK_CHOOSE_SECURITY_GROUPS ->
                            text(values, CutoverVariables.SECURITY_GROUP_NAMES, "Finance, HR");
                        case CutoverMigrationIds.TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE -> {
                            // the administrator runs the commands the task shows, in Exchange Online PowerShell
                            for (String group : List.of("Finance", "HR")) {
                                graph.newDistributionGroup(group);
                                groupsCreated.add(group);
                            }
                            text(values, CutoverVariables.SECURITY_GROUP_NAMES, "Finance, HR");
                        }
                        default -> {}
                    }
                });
        String instance = run.instance();

        HistoryService history = rig.bean(HistoryService.class);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(instance)
                        .activityId("EndEvent_CutoverCompleted")
                        .count())
                .isEqualTo(1);
        assertThat(groupsCreated).as("the commands were shown").containsExactly("Finance", "HR");

        // every seeded message is in Exchange Online, in its folder, exactly once
        for (String user : rig.users) {
            Map<String, List<String>> source = sourceMailbox(user);
            assertThat(source.values().stream().mapToInt(List::size).sum())
                    .isEqualTo(FOLDERS.size() * MESSAGES_PER_FOLDER);
            assertThat(rig.targetMailbox(user)).as(user + " in Exchange Online").isEqualTo(source);
        }

        // the MX is the host Microsoft 365 provisioned for the domain (Graph's serviceConfigurationRecords)
        String mx = graph.mxTarget(DOMAIN).orElseThrow();
        assertThat(mx).endsWith(".mx.microsoft");
        assertThat(bindMx()).containsExactly(mx);
        assertThat(rig.values(instance, "routingStatus"))
                .as("what the routing check compared")
                .isNotEmpty()
                .allMatch(status -> String.valueOf(status).contains(mx));

        // the tenant's calls in the runbook's order
        List<String> calls = graph.calls();
        int added = calls.indexOf("POST /domains");
        int lastVerify = calls.lastIndexOf("POST /domains/" + DOMAIN + "/verify");
        int firstUser = calls.indexOf("POST /users");
        int firstLicence = indexOfFirst(calls, "POST /users/", "/assignLicense");
        assertThat(added).as("domain added: " + calls).isNotNegative();
        assertThat(lastVerify).as("verified after it was added: " + calls).isGreaterThan(added);
        assertThat(firstUser)
                .as("users created after the domain is verified: " + calls)
                .isGreaterThan(lastVerify);
        assertThat(firstLicence).as("licences after the users: " + calls).isGreaterThan(firstUser);
        assertThat(calls.stream().filter("POST /users"::equals).count()).isEqualTo(MAILBOXES);
        assertThat(calls.stream()
                        .filter(c -> c.startsWith("POST /users/") && c.endsWith("/assignLicense"))
                        .count())
                .isEqualTo(MAILBOXES);
        // Microsoft found the TXT in BIND9, where Mailferry had published it with TSIG
        assertThat(rig.txtLookups).as("Graph's TXT lookups in BIND9").anyMatch(found -> found.startsWith("MS=ms"));
        assertThat(bindTxt()).anyMatch(txt -> txt.startsWith("MS=ms"));
        for (String user : rig.users) {
            JsonNode cloudUser = graph.user(user).orElseThrow();
            assertThat(cloudUser.path("assignedLicenses").size())
                    .as(user + " licensed")
                    .isEqualTo(1);
        }
    }
}

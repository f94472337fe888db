package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailferry.cutover.CutoverMigrationIds;
import io.mailferry.cutover.CutoverVariables;
import io.mailferry.dns.DnsLookupService;
import io.mailferry.dns.MxRecord;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailrouting.MailRoutingVariables;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.sourceendpoint.AttackerServer;
import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.SourceEndpointVariables;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import io.mailferry.tenantconnection.TenantConnectionVariables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The acceptance run, against the demo's embedded servers: start CutoverMigration over REST with
 * domain=contoso.com, submit every user task with the values of its deployed form (checkboxes ticked, defaults kept)
 * until the end event; then every source message must be on Microsoft 365 in the same folder with the same flags —
 * including one that arrived after the initial sync — and no secret may be in any variable or history entry.
 * The context is closed afterwards: the demo's servers hold fixed ports that the next demo test needs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "mailferry.timers.mx-propagation-wait=PT8S",
            "mailferry.demo.dns.mx-ttl=5", // the MX wait lasts at least the old MX TTL
            "mailferry.timers.delta-sync-interval=PT3S",
            "mailferry.timers.sync-status-poll=PT1S",
            "mailferry.timers.domain-recheck-interval=PT1S",
            "mailferry.timers.routing-recheck-interval=PT1S",
            "camunda.bpm.job-execution.wait-time-in-millis=200",
            "camunda.bpm.job-execution.max-wait=1000",
            // a password that cannot occur by chance, so that finding it anywhere proves a leak
            "mailferry.demo.password=" + CutoverDemoEndToEndTest.DEMO_PASSWORD
        })
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("demo")
@DirtiesContext
class CutoverDemoEndToEndTest {
    static final String DEMO_PASSWORD = "Qx7-mailbox-Pw-e2e";
    private static final String WELCOME_SUBJECT = "Welcome to Microsoft 365";
    private static final Duration TIMEOUT = Duration.ofMinutes(4);

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate anonymous;

    @Autowired
    HistoryService history;

    @Autowired
    ConfiguredEndpoints configuredEndpoints;

    @Autowired
    DnsLookupService dns;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    InMemoryTenant tenant;

    private final Set<String> welcomed = new HashSet<>();

    @Test
    void shouldRunTheWholeCutoverFromFormDefaultsAndMoveEveryMessage(CapturedOutput output) throws Exception {
        assertThat(anonymous.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .as("Camunda's REST API requires authentication")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        DemoOperator operator = new DemoOperator(port);
        AttackerServer attacker = new AttackerServer();
        long target = configuredEndpoints.targetEndpointId();
        Set<String> attacked = new HashSet<>();

        Instant started = Instant.now();
        String processInstanceId = operator.start("CutoverMigration", "contoso.com", Map.of("domain", "contoso.com"));

        List<String> submitted = new ArrayList<>();
        boolean lateMessageAdded = false;
        while (!operator.ended(processInstanceId)) {
            if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                fail("The cutover did not end within " + TIMEOUT + "; tasks submitted: " + submitted + "; incidents: "
                        + operator.incidents());
            }
            assertThat(operator.incidents()).as("incidents").isEmpty();
            for (JsonNode task : operator.tasks("contoso.com")) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key).as("no mailbox may need the operator").isNotEqualTo("Task_ResolveMailboxProblem");
                if (key.equals("Task_ReviewMigrationReport") && !lateMessageAdded) {
                    DemoMailboxes.deliver(
                            3143,
                            "user02@contoso.com",
                            DEMO_PASSWORD,
                            "Arrived after the initial sync",
                            "Delta sync must bring this across.");
                    lateMessageAdded = true;
                }
                if (attacked.add(key)) {
                    attack(operator, task, target, attacker);
                }
                ObjectNode values = operator.formDefaults(task.get("id").asText());
                if (key.equals(CutoverMigrationIds.TASK_CHOOSE_SECURITY_GROUPS)) {
                    // the one field without a default: groups the demo's Exchange administrator creates when shown
                    values.putObject(CutoverVariables.SECURITY_GROUP_NAMES)
                            .put("value", "Finance, HR")
                            .put("type", "String");
                }
                operator.submit(task, values);
                submitted.add(key);
            }
            Thread.sleep(300);
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.println("Demo cutover end to end: " + took.toMillis() + " ms; tasks submitted: " + submitted);

        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(processInstanceId)
                        .activityId("EndEvent_CutoverCompleted")
                        .count())
                .isEqualTo(1);
        assertThat(submitted)
                .contains(
                        ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365,
                        CutoverMigrationIds.TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE,
                        "Task_PublishVerificationRecord",
                        "Task_ConfirmSourcePrepared",
                        "Task_EnterMigrationEndpoint",
                        "Task_ReviewMigrationReport",
                        "Task_ChangeMxAndAutodiscover",
                        "Task_WaitForMxPropagation",
                        "Task_ConfirmFinalDeltaSync",
                        "Task_DecideDecommissioning",
                        "Task_DecommissionExchange");
        assertThat(lateMessageAdded).isTrue();
        assertThat(submitted.indexOf(ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365))
                .as("connected before the domain is touched")
                .isLessThan(submitted.indexOf("Task_PublishVerificationRecord"));
        assertThat(submitted.stream()
                        .filter(CutoverMigrationIds.TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE::equals)
                        .count())
                .as("the commands were shown once; the groups existed at the check after")
                .isEqualTo(1);
        assertThat(tenant.groupNames()).containsExactly("Finance", "HR");
        assertThat(submitted.stream()
                        .filter("Task_WaitForMxPropagation"::equals)
                        .count())
                .as("the MX wait came back while submitted without a reason before its end")
                .isGreaterThan(1);
        // the wait is the SwitchMailRouting step's, called by the cutover: its last run decided when mail moved
        String routing = lastCalled(processInstanceId, SwitchMailRoutingIds.PROCESS);
        Object waitUntil = history.createHistoricVariableInstanceQuery()
                .processInstanceId(routing)
                .variableName(MailRoutingVariables.MX_WAIT_UNTIL)
                .singleResult()
                .getValue();
        assertThat(history.createHistoricTaskInstanceQuery()
                        .processInstanceId(routing)
                        .taskDefinitionKey(SwitchMailRoutingIds.TASK_WAIT_FOR_MX_PROPAGATION)
                        .finished()
                        .orderByHistoricTaskInstanceEndTime()
                        .desc()
                        .list()
                        .get(0)
                        .getEndTime())
                .isAfterOrEqualTo((java.util.Date) waitUntil);
        for (int i = 1; i <= 5; i++) {
            String user = String.format("user%02d@contoso.com", i);
            assertThat(cloudMailbox(user))
                    .as(user + " on Microsoft 365")
                    .isEqualTo(DemoMailboxes.read(3143, user, DEMO_PASSWORD));
        }
        assertThat(cloudMailbox("user02@contoso.com").get("INBOX"))
                .anyMatch(m -> m.endsWith("Arrived after the initial sync"));
        assertThat(welcomed)
                .as("every migrated user finds the welcome message in Microsoft 365")
                .hasSize(5);
        assertThat(DemoMailboxes.read(3143, "user01@contoso.com", DEMO_PASSWORD).values().stream()
                        .mapToInt(List::size)
                        .sum())
                .as("the seeded mailbox is not empty, so the comparison means something")
                .isGreaterThan(10);
        Object batchId = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId)
                .variableName("batchId")
                .singleResult()
                .getValue();
        JsonNode statistics = operator.rest().getForObject("/api/batches/" + batchId + "/statistics", JsonNode.class);
        assertThat(statistics.size()).as("statistics for every mailbox").isEqualTo(5);
        JsonNode user02 = statistics.get("user02@contoso.com");
        assertThat(user02.findValuesAsText("pass")).contains("INITIAL", "FINAL");
        assertThat(user02.get(0).get("copied").asInt())
                .as("initial pass of user02")
                .isGreaterThan(10);
        assertThat(user02.get(0).get("lastSyncedAt").isNull()).isFalse();
        JsonNode reviewed = operator.rest().getForObject("/api/batches/" + batchId + "/report", JsonNode.class);
        JsonNode live = operator.rest().getForObject("/api/batches/" + batchId + "/report?live=true", JsonNode.class);
        assertThat(reviewed).as("the full report, as the review counted it").hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(reviewed.get(i).path("folders").size()).isPositive();
            assertThat(Instant.parse(live.get(i).path("countedAt").asText()))
                    .as("counted again on asking, after the review")
                    .isAfter(Instant.parse(reviewed.get(i).path("countedAt").asText()));
        }
        assertThat(attacker.connections())
                .as("connections to the attacker's server, whose port was set as sourcePort")
                .isZero();
        assertThat(attacker.received()).noneMatch(line -> line.contains("LOGIN") || line.contains("AUTHENTICATE"));
        assertThat(configuredEndpoints.targetEndpointId()).isEqualTo(target);
        JsonNode batch = operator.rest().getForObject("/api/batches/" + batchId, JsonNode.class);
        assertThat(batch.path("batch").path("targetEndpointId").asLong())
                .as("the batch copies to the configured target")
                .isEqualTo(target);
        assertThat(dns.mx("contoso.com"))
                .as("the domain's MX after the attacker's mxTargetHost")
                .extracting(MxRecord::host)
                .containsExactly("contoso-com.mail.protection.outlook.com");
        assertThat(SecretScan.placesContaining(List.of(DEMO_PASSWORD), history, output.getAll()))
                .as("places the password appears")
                .isEmpty();
        // the endpoint used the configured administrator by choice: its password's reference never became a variable
        String endpointStep = lastCalled(processInstanceId, ConnectSourceEndpointIds.PROCESS);
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(endpointStep)
                        .variableName(SourceEndpointVariables.USE_CONFIGURED_ADMINISTRATOR)
                        .singleResult()
                        .getValue())
                .isEqualTo(true);
        assertThat(history.createHistoricVariableInstanceQuery()
                        .variableName(SourceEndpointVariables.SOURCE_CREDENTIAL_REF)
                        .count())
                .isZero();
        assertThat(SecretScan.placesShowingReferences(jdbc, history, output.getAll()))
                .as("places a secret's reference appears")
                .isEmpty();
    }

    /**
     * What an operator-level attacker tries at a task before it is answered as usual: completing it with variables its
     * form does not declare (refused, 403, naming the variable and the task), and — as the demo admin may — setting
     * them on the process instance instead, where no step reads them: the target's endpoint id as sourceEndpointId,
     * the attacker's server as sourceHost/sourcePort, and the attacker's MX as mxTargetHost.
     */
    private static void attack(DemoOperator operator, JsonNode task, long target, AttackerServer attacker) {
        String key = task.get("taskDefinitionKey").asText();
        Map<String, Object> planted = switch (key) {
            case "Task_EnterMigrationEndpoint" ->
                Map.of("sourceEndpointId", target, "sourceHost", "127.0.0.1", "sourcePort", attacker.port());
            case "Task_ChangeMxAndAutodiscover" -> Map.of("mxTargetHost", "mx.attacker.example");
            // the checks decide whether Microsoft 365 is connected, not a variable (the demo's pass anyway)
            case "Task_ConnectMicrosoft365" -> Map.of(TenantConnectionVariables.M365_CONNECTED, true);
            default -> Map.of();
        };
        if (planted.isEmpty()) {
            return;
        }
        ObjectNode completion = operator.formDefaults(task.get("id").asText());
        planted.forEach((name, value) -> completion.putObject(name).putPOJO("value", value));
        ResponseEntity<String> refused = operator.rest()
                .postForEntity(
                        "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                        Map.of("variables", completion),
                        String.class);
        assertThat(refused.getStatusCode())
                .as(key + " with " + planted.keySet())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody())
                .contains(key)
                .contains(planted.keySet().iterator().next());
        String instance = task.get("processInstanceId").asText();
        planted.forEach((name, value) -> operator.rest()
                .put("/engine-rest/process-instance/" + instance + "/variables/" + name, Map.of("value", value)));
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

    /**
     * The user's Microsoft 365 mailbox without the welcome message, which arrives there after the final sync and so
     * has no counterpart at the source; who received it is noted.
     */
    private Map<String, List<String>> cloudMailbox(String address) throws Exception {
        return DemoMailboxes.read(4143, address, DEMO_PASSWORD, subject -> {
            if (WELCOME_SUBJECT.equals(subject)) {
                welcomed.add(address);
                return false;
            }
            return true;
        });
    }
}

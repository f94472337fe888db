package io.mailferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * The acceptance run, against the demo's embedded servers: start CutoverMigration over REST with
 * domain=contoso.com, submit every user task with the values of its deployed form (checkboxes ticked, defaults kept)
 * until the end event; then every source message must be on Microsoft 365 in the same folder with the same flags —
 * including one that arrived after the initial sync — and no secret may be in any variable or history entry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mailferry.timers.mx-propagation-wait=PT8S",
        "mailferry.demo.dns.mx-ttl=5", // the MX wait lasts at least the old MX TTL
        "mailferry.timers.delta-sync-interval=PT3S",
        "mailferry.timers.sync-status-poll=PT1S",
        "mailferry.timers.domain-recheck-interval=PT1S",
        "mailferry.timers.routing-recheck-interval=PT1S",
        "camunda.bpm.job-execution.wait-time-in-millis=200",
        "camunda.bpm.job-execution.max-wait=1000",
        // a password that cannot occur by chance, so that finding it anywhere proves a leak
        "mailferry.demo.password=" + CutoverDemoEndToEndTest.DEMO_PASSWORD})
@ExtendWith(OutputCaptureExtension.class)
@ActiveProfiles("demo")
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
    ManagementService management;


    private final ObjectMapper json = new ObjectMapper();
    private final java.util.Set<String> welcomed = new java.util.HashSet<>();

    private TestRestTemplate authenticated;

    /** Camunda's REST API as the demo operator (HTTP Basic, sent with every request). */
    private TestRestTemplate rest() {
        if (authenticated == null) {
            authenticated = new TestRestTemplate(new org.springframework.boot.web.client.RestTemplateBuilder()
                    .rootUri("http://localhost:" + port).defaultHeader("Authorization", "Basic "
                            + java.util.Base64.getEncoder().encodeToString("demo:demo".getBytes())));
        }
        return authenticated;
    }

    @Test
    void shouldRunTheWholeCutoverFromFormDefaultsAndMoveEveryMessage(CapturedOutput output) throws Exception {
        assertThat(anonymous.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .as("Camunda's REST API requires authentication").isEqualTo(HttpStatus.UNAUTHORIZED);

        Instant started = Instant.now();
        ResponseEntity<JsonNode> start = rest().postForEntity("/engine-rest/process-definition/key/CutoverMigration/start",
                json.readTree("{\"businessKey\":\"contoso.com\",\"variables\":{\"domain\":{\"value\":\"contoso.com\",\"type\":\"String\"}}}"),
                JsonNode.class);
        assertThat(start.getStatusCode()).isEqualTo(HttpStatus.OK);
        String processInstanceId = start.getBody().get("id").asText();

        List<String> submitted = new ArrayList<>();
        boolean lateMessageAdded = false;
        while (!ended(processInstanceId)) {
            if (Duration.between(started, Instant.now()).compareTo(TIMEOUT) > 0) {
                fail("The cutover did not end within " + TIMEOUT + "; tasks submitted: " + submitted + "; incidents: " + incidents());
            }
            assertThat(incidents()).as("incidents").isEmpty();
            JsonNode tasks = rest().getForObject("/engine-rest/task?processInstanceBusinessKey=contoso.com", JsonNode.class);
            for (JsonNode task : tasks) {
                String key = task.get("taskDefinitionKey").asText();
                assertThat(key).as("no mailbox may need the operator").isNotEqualTo("Task_ResolveMailboxProblem");
                if (key.equals("Task_ReviewMigrationReport") && !lateMessageAdded) {
                    appendLateMessage("user02@contoso.com");
                    lateMessageAdded = true;
                }
                ResponseEntity<String> answer = rest().postForEntity("/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                        Map.of("variables", formDefaults(task.get("id").asText())), String.class);
                assertThat(answer.getStatusCode().is2xxSuccessful()).as(key + ": " + answer.getBody()).isTrue();
                submitted.add(key);
            }
            Thread.sleep(300);
        }
        Duration took = Duration.between(started, Instant.now());
        System.out.println("Demo cutover end to end: " + took.toMillis() + " ms; tasks submitted: " + submitted);

        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .activityId("EndEvent_CutoverCompleted").count()).isEqualTo(1);
        assertThat(submitted).contains("Task_PublishVerificationRecord", "Task_ConfirmSourcePrepared", "Task_EnterMigrationEndpoint",
                "Task_ReviewMigrationReport", "Task_ChangeMxAndAutodiscover", "Task_WaitForMxPropagation", "Task_ConfirmFinalDeltaSync",
                "Task_DecideDecommissioning", "Task_DecommissionExchange");
        assertThat(lateMessageAdded).isTrue();
        assertThat(submitted.stream().filter("Task_WaitForMxPropagation"::equals).count())
                .as("the MX wait came back while submitted without a reason before its end").isGreaterThan(1);
        Object waitUntil = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("mxWaitUntil").singleResult().getValue();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_WaitForMxPropagation").finished().orderByHistoricTaskInstanceEndTime().desc()
                .list().get(0).getEndTime()).isAfterOrEqualTo((java.util.Date) waitUntil);
        for (int i = 1; i <= 5; i++) {
            String user = String.format("user%02d@contoso.com", i);
            assertThat(mailbox(4143, user)).as(user + " on Microsoft 365").isEqualTo(mailbox(3143, user));
        }
        assertThat(mailbox(4143, "user02@contoso.com").get("INBOX")).anyMatch(m -> m.endsWith("Arrived after the initial sync"));
        assertThat(welcomed).as("every migrated user finds the welcome message in Microsoft 365").hasSize(5);
        assertThat(mailbox(3143, "user01@contoso.com").values().stream().mapToInt(List::size).sum())
                .as("the seeded mailbox is not empty, so the comparison means something").isGreaterThan(10);
        Object batchId = history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("batchId").singleResult().getValue();
        JsonNode statistics = rest().getForObject("/api/batches/" + batchId + "/statistics", JsonNode.class);
        assertThat(statistics.size()).as("statistics for every mailbox").isEqualTo(5);
        JsonNode user02 = statistics.get("user02@contoso.com");
        assertThat(user02.findValuesAsText("pass")).contains("INITIAL", "FINAL");
        assertThat(user02.get(0).get("copied").asInt()).as("initial pass of user02").isGreaterThan(10);
        assertThat(user02.get(0).get("lastSyncedAt").isNull()).isFalse();
        assertNoSecretIn(processInstanceId, output);
    }

    private boolean ended(String processInstanceId) {
        JsonNode instance = rest().getForObject("/engine-rest/history/process-instance/" + processInstanceId, JsonNode.class);
        return instance != null && "COMPLETED".equals(instance.path("state").asText());
    }

    private List<String> incidents() {
        List<String> messages = new ArrayList<>();
        rest().getForObject("/engine-rest/incident", JsonNode.class)
                .forEach(i -> messages.add(i.path("activityId").asText() + ": " + i.path("incidentMessage").asText()));
        return messages;
    }

    /** What an operator submits who ticks every checkbox and keeps every default of the deployed form. */
    private ObjectNode formDefaults(String taskId) {
        JsonNode form = rest().getForObject("/engine-rest/task/" + taskId + "/deployed-form", JsonNode.class);
        ObjectNode variables = json.createObjectNode();
        collect(form.path("components"), variables);
        return variables;
    }

    private void collect(JsonNode components, ObjectNode variables) {
        for (JsonNode c : components) {
            collect(c.path("components"), variables);
            if (!c.has("key")) {
                continue;
            }
            if (c.path("type").asText().equals("checkbox")) {
                variables.set(c.get("key").asText(), json.createObjectNode().put("value", true).put("type", "Boolean"));
            } else if (c.has("defaultValue")) {
                variables.set(c.get("key").asText(), json.createObjectNode().set("value", c.get("defaultValue")));
            }
        }
    }

    private void appendLateMessage(String address) throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom("partner@fabrikam.com");
        message.setRecipients(Message.RecipientType.TO, address);
        message.setSubject("Arrived after the initial sync");
        message.setText("Delta sync must bring this across.");
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", 3143, address, DEMO_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {message});
        }
    }

    /** Folder name → sorted "sha256 flags" of every message, read over IMAP. */
    private Map<String, List<String>> mailbox(int imapPort, String address) throws Exception {
        Map<String, List<String>> content = new TreeMap<>();
        Properties imap = new Properties();
        imap.put("mail.imap.socketFactory", new io.mailferry.mailbox.NoDelaySocketFactory());
        imap.put("mail.imap.partialfetch", "false");
        try (Store store = Session.getInstance(imap).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, DEMO_PASSWORD);
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                List<String> messages = new ArrayList<>();
                Message[] all = folder.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.FLAGS);
                profile.add(org.eclipse.angus.mail.imap.IMAPFolder.FetchProfileItem.INTERNALDATE);
                folder.fetch(all, profile);
                for (Message m : all) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    m.writeTo(raw);
                    Flags flags = m.getFlags();
                    flags.remove(Flags.Flag.RECENT);
                    String subject = new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray())).getSubject();
                    if (WELCOME_SUBJECT.equals(subject) && imapPort == 4143) {
                        welcomed.add(address);
                        continue; // arrives in Microsoft 365 after the final sync, so it has no counterpart at the source
                    }
                    messages.add(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray()))
                            + " " + flagString(flags) + " " + m.getReceivedDate().getTime() + " " + subject);
                }
                folder.close(false);
                messages.sort(String::compareTo);
                content.put(folder.getFullName(), messages);
            }
        }
        return content;
    }

    private static String flagString(Flags flags) {
        List<String> names = new ArrayList<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            names.add(f == Flags.Flag.SEEN ? "\\Seen" : f == Flags.Flag.ANSWERED ? "\\Answered" : f == Flags.Flag.FLAGGED ? "\\Flagged"
                    : f == Flags.Flag.DRAFT ? "\\Draft" : f == Flags.Flag.DELETED ? "\\Deleted" : "?");
        }
        names.addAll(List.of(flags.getUserFlags()));
        names.sort(String::compareTo);
        return String.join(",", names);
    }

    /** The mailbox password must not be in any variable, history entry, incident, job failure or log line. */
    private void assertNoSecretIn(String processInstanceId, CapturedOutput output) {
        List<String> leaks = new ArrayList<>();
        for (HistoricVariableInstance v : history.createHistoricVariableInstanceQuery().list()) {
            check("variable " + v.getName(), v.getName() + "=" + v.getValue(), leaks);
        }
        for (HistoricDetail d : history.createHistoricDetailQuery().variableUpdates().list()) {
            HistoricVariableUpdate u = (HistoricVariableUpdate) d;
            check("history of " + u.getVariableName(), u.getVariableName() + "=" + u.getValue(), leaks);
        }
        history.createHistoricIncidentQuery().list().forEach(i -> check("incident", i.getIncidentMessage(), leaks));
        history.createHistoricJobLogQuery().failureLog().list()
                .forEach(j -> check("job failure", j.getJobExceptionMessage(), leaks));
        check("log output", output.getAll(), leaks);
        assertThat(leaks).as("places the password appears").isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName("sourceCredentialRef").singleResult().getValue().toString()).startsWith("secret:");
    }

    private static void check(String where, String text, List<String> leaks) {
        if (text != null && text.contains(DEMO_PASSWORD)) {
            leaks.add(where);
        }
    }
}

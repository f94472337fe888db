package io.mailferry.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 10, points 1, 6 and 8: the attacks of the security review (findings 2 and 17) through the doors an attacker
 * uses, on the whole demo application (its stand-ins on free ports): Camunda's REST API and ours as the demo's
 * {@code operator} (only in migration-operators), the webapps' login form, cross-site requests without the CSRF header
 * or token, and wrong passwords from several source addresses (127.0.0.x: every loopback address reaches the server).
 * Locks last {@value #LOCK_SECONDS} seconds here instead of 15 minutes.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:access-attacks;DB_CLOSE_DELAY=-1",
            "mailferry.demo.onprem.imap-port=0",
            "mailferry.demo.onprem.smtp-port=0",
            "mailferry.demo.cloud.imap-port=0",
            "mailferry.demo.cloud.smtp-port=0",
            "mailferry.demo.directory.port=0",
            "mailferry.demo.dns.port=0",
            "mailferry.login.lock=PT" + AccessAttackTest.LOCK_SECONDS + "S",
            "camunda.bpm.job-execution.wait-time-in-millis=200",
            "camunda.bpm.job-execution.max-wait=1000"
        })
@ActiveProfiles("demo")
@DirtiesContext
class AccessAttackTest {
    static final int LOCK_SECONDS = 4;
    private static final String EVIL_BPMN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
            + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"evil\">"
            + "<process id=\"Evil\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
            + "<startEvent id=\"s\"/><sequenceFlow id=\"f1\" sourceRef=\"s\" targetRef=\"t\"/>"
            + "<serviceTask id=\"t\" camunda:expression=\"${secretStore}\"/>"
            + "<sequenceFlow id=\"f2\" sourceRef=\"t\" targetRef=\"e\"/><endEvent id=\"e\"/></process></definitions>";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    OperatorAuthorizations operatorAuthorizations;

    // ------------------------------------------------------------------ least privilege (finding 2)

    @Test
    void operatorCannotDeployManageUsersOrAuthorizations() throws Exception {
        HttpResponse<String> deploy = send(asOperator(HttpRequest.newBuilder(uri("/engine-rest/deployment/create")))
                .header("Content-Type", "multipart/form-data; boundary=evil")
                .POST(HttpRequest.BodyPublishers.ofString("--evil\r\nContent-Disposition: form-data; "
                        + "name=\"deployment-name\"\r\n\r\nevil\r\n--evil\r\nContent-Disposition: form-data; "
                        + "name=\"data\"; filename=\"evil.bpmn\"\r\nContent-Type: text/xml\r\n\r\n" + EVIL_BPMN
                        + "\r\n--evil--\r\n"))
                .build());
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = 'Evil'"))
                .isZero();

        assertThat(postJson(
                                operator(),
                                "/engine-rest/user/create",
                                Map.of(
                                        "profile",
                                        Map.of("id", "mallory"),
                                        "credentials",
                                        Map.of("password", "Mallory-1")))
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(operator(), "/engine-rest/group/create", Map.of("id", "evil", "name", "evil"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(asOperator(HttpRequest.newBuilder(uri("/engine-rest/group/camunda-admin/members/operator")))
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build())
                        .statusCode())
                .as("joining camunda-admin")
                .isEqualTo(403);
        assertThat(postJson(
                                operator(),
                                "/engine-rest/authorization/create",
                                Map.of(
                                        "type",
                                        1,
                                        "permissions",
                                        new String[] {"ALL"},
                                        "userId",
                                        "operator",
                                        "resourceType",
                                        0,
                                        "resourceId",
                                        "*"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = 'mallory'"))
                .isZero();
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_MEMBERSHIP WHERE USER_ID_ = 'operator'"))
                .as("operator stays in migration-operators only")
                .isEqualTo(1);
    }

    @Test
    void operatorRunsTheMigrationButCannotChangeVariablesOrInstances() throws Exception {
        HttpResponse<String> notStartable = postJson(
                operator(), "/engine-rest/process-definition/key/VerifyDomain/start", Map.of("businessKey", "x"));
        assertThat(notStartable.statusCode())
                .as("a called step cannot be started on its own")
                .isEqualTo(403);

        HttpResponse<String> started = postJson(
                operator(),
                "/engine-rest/process-definition/key/StagedMigration/start",
                Map.of(
                        "businessKey",
                        "least-privilege.example",
                        "variables",
                        Map.of("domain", Map.of("value", "least-privilege.example", "type", "String"))));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instance = json.readTree(started.body()).get("id").asText();
        assertThat(get(operator(), "/engine-rest/history/process-instance/" + instance)
                        .statusCode())
                .isEqualTo(200);

        String variable = "/engine-rest/process-instance/" + instance + "/variables/domain";
        String evil = json.writeValueAsString(Map.of("value", "attacker.example", "type", "String"));
        assertThat(send(asOperator(HttpRequest.newBuilder(uri(variable)))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(evil))
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(
                                operator(),
                                "/engine-rest/process-instance/" + instance + "/variables",
                                Map.of("modifications", Map.of("domain", Map.of("value", "attacker.example"))))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(asOperator(HttpRequest.newBuilder(uri(variable)))
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(postJson(
                                operator(),
                                "/engine-rest/process-instance/" + instance + "/modification",
                                Map.of("instructions", new Object[] {Map.of("type", "cancel", "activityId", "x")}))
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(asOperator(HttpRequest.newBuilder(
                                        uri("/engine-rest/process-instance/" + instance + "/suspended")))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString("{\"suspended\":true}"))
                                .build())
                        .statusCode())
                .isEqualTo(403);
        assertThat(send(asOperator(HttpRequest.newBuilder(uri("/engine-rest/process-instance/" + instance)))
                                .DELETE()
                                .build())
                        .statusCode())
                .isEqualTo(403);

        JsonNode task = firstTask("least-privilege.example");
        String taskId = task.get("id").asText();
        assertThat(get(operator(), "/engine-rest/task/" + taskId + "/deployed-form")
                        .statusCode())
                .as("the operator reads the task's form")
                .isEqualTo(200);
        assertThat(get(operator(), "/engine-rest/task/" + taskId + "/variables").statusCode())
                .isEqualTo(200);
        for (String scope : new String[] {"variables", "localVariables"}) {
            assertThat(send(asOperator(HttpRequest.newBuilder(
                                            uri("/engine-rest/task/" + taskId + "/" + scope + "/domain")))
                                    .header("Content-Type", "application/json")
                                    .PUT(HttpRequest.BodyPublishers.ofString(evil))
                                    .build())
                            .statusCode())
                    .as("task " + scope)
                    .isEqualTo(403);
        }
        assertThat(jdbc.queryForObject(
                        "SELECT TEXT_ FROM ACT_RU_VARIABLE WHERE PROC_INST_ID_ = ? AND NAME_ = 'domain'"
                                + " AND EXECUTION_ID_ = PROC_INST_ID_",
                        String.class,
                        instance))
                .isEqualTo("least-privilege.example");

        // the same request as the administrator works: the 403s are about rights, not a broken request
        assertThat(send(asAdmin(HttpRequest.newBuilder(uri(variable)))
                                .header("Content-Type", "application/json")
                                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(
                                        Map.of("value", "least-privilege.example", "type", "String"))))
                                .build())
                        .statusCode())
                .isEqualTo(204);
    }

    @Test
    void theOperatorsRightsAreResetAtStartUp() {
        Authorization widened = authorizations
                .createAuthorizationQuery()
                .groupIdIn(MailferryGroups.OPERATORS)
                .resourceType(Resources.PROCESS_DEFINITION)
                .resourceId("CutoverMigration")
                .singleResult();
        widened.addPermission(ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE);
        authorizations.saveAuthorization(widened);

        operatorAuthorizations.grant();

        Authorization reset = authorizations
                .createAuthorizationQuery()
                .groupIdIn(MailferryGroups.OPERATORS)
                .resourceType(Resources.PROCESS_DEFINITION)
                .resourceId("CutoverMigration")
                .singleResult();
        assertThat(reset.isPermissionGranted(ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE))
                .isFalse();
        assertThat(reset.isPermissionGranted(ProcessDefinitionPermissions.CREATE_INSTANCE))
                .isTrue();
        assertThat(reset.isPermissionGranted(ProcessDefinitionPermissions.TASK_WORK))
                .isTrue();
    }

    @Test
    void apiChecksTheGroupAndCredentialsAreStoredButNotListedByOperators() throws Exception {
        HttpResponse<String> stored = postJson(
                operator(),
                "/api/credentials",
                Map.of("label", "Exchange admin", "purpose", "imap:mail.contoso.com", "secret", "Op-Stored-Pw-1"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        String reference = json.readTree(stored.body()).get("reference").asText();

        HttpResponse<String> described = get(operator(), "/api/credentials/" + reference);
        assertThat(described.statusCode()).isEqualTo(403);
        assertThat(described.body()).contains("camunda-admin").doesNotContain("Exchange admin");
        HttpResponse<String> listed = get(operator(), "/api/credentials");
        assertThat(listed.statusCode()).isEqualTo(403);
        assertThat(listed.body()).doesNotContain(reference).doesNotContain("Exchange admin");
        HttpResponse<String> listedForAdmin = get(admin(), "/api/credentials");
        assertThat(listedForAdmin.statusCode()).isEqualTo(200);
        assertThat(listedForAdmin.body())
                .contains(reference, "Exchange admin", "imap:mail.contoso.com", "\"storedBy\":\"operator\"")
                .doesNotContain("Op-Stored-Pw-1");
        assertThat(get(admin(), "/api/credentials/" + reference).statusCode()).isEqualTo(200);

        assertThat(get(operator(), "/api/batches/999999").statusCode())
                .as("operators read batch reports (there is no such batch)")
                .isEqualTo(404);

        createUser("stranger", "Stranger-Pw-1");
        HttpResponse<String> stranger = get(basic("stranger", "Stranger-Pw-1"), "/api/batches/1");
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(stranger.body()).contains("migration-operators");
    }

    /**
     * Finding 10's last part: a password pasted into a field that is not for passwords would stay in the history. The
     * start form and a task's form are refused (400) when a field holds a stored password, naming the field, never
     * the value, and nothing with it is saved.
     */
    @Test
    void aStoredPasswordTypedIntoAFormFieldIsRefusedAndNotKept() throws Exception {
        String password = "Pasted-By-Mistake-7";
        assertThat(postJson(
                                operator(),
                                "/api/credentials",
                                Map.of(
                                        "label",
                                        "Exchange admin",
                                        "purpose",
                                        "imap:mail.contoso.com",
                                        "secret",
                                        password))
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> started = submitStagedStartForm("pasted.example", password);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(400);
        assertThat(started.body()).contains("domain", "stored password").doesNotContain(password);

        HttpResponse<String> fair = submitStagedStartForm("pasted.example", "pasted.example");
        assertThat(fair.statusCode()).as(fair.body()).isEqualTo(200);
        JsonNode task = firstTask("pasted.example");
        String field = json
                .readTree(get(operator(), "/engine-rest/task/" + task.get("id").asText() + "/deployed-form")
                        .body())
                .findValues("key")
                .stream()
                .map(JsonNode::asText)
                .filter(key -> !key.startsWith("Form_"))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> completed = postJson(
                operator(),
                "/engine-rest/task/" + task.get("id").asText() + "/submit-form",
                Map.of("variables", Map.of(field, Map.of("value", password, "type", "String"))));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(400);
        assertThat(completed.body()).contains(field, "stored password").doesNotContain(password);

        for (String table : new String[] {"ACT_RU_VARIABLE", "ACT_HI_VARINST", "ACT_HI_DETAIL"}) {
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM " + table + " WHERE TEXT_ = ? OR TEXT2_ = ?",
                            Integer.class,
                            password,
                            password))
                    .as(table)
                    .isZero();
        }
        assertThat(get(operator(), "/engine-rest/task/" + task.get("id").asText())
                        .statusCode())
                .as("the task is still open")
                .isEqualTo(200);
    }

    @Test
    void anOperatorDeletesWhatTheyStoredButNotTheSecretsOfOthers() throws Exception {
        String adminsSecret = json.readTree(postJson(
                                admin(),
                                "/api/credentials",
                                Map.of("label", "Admin's", "purpose", "imap:mail.contoso.com", "secret", "Adm-Pw-1"))
                        .body())
                .get("reference")
                .asText();
        String operatorsSecret = json.readTree(postJson(
                                operator(),
                                "/api/credentials",
                                Map.of("label", "Mine", "purpose", "imap:mail.contoso.com", "secret", "Op-Pw-2"))
                        .body())
                .get("reference")
                .asText();

        HttpResponse<String> others = send(asOperator(HttpRequest.newBuilder(uri("/api/credentials/" + adminsSecret)))
                .DELETE()
                .build());
        assertThat(others.statusCode()).as(others.body()).isEqualTo(403);
        assertThat(others.body()).contains("stored by someone else").doesNotContain(adminsSecret);
        assertThat(count("SELECT COUNT(*) FROM mf_secret WHERE id = '" + adminsSecret + "'"))
                .as("the admin's secret is still there")
                .isEqualTo(1);

        HttpResponse<String> own = send(asOperator(HttpRequest.newBuilder(uri("/api/credentials/" + operatorsSecret)))
                .DELETE()
                .build());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM mf_secret WHERE id = '" + operatorsSecret + "'"))
                .isZero();
        assertThat(send(asAdmin(HttpRequest.newBuilder(uri("/api/credentials/" + adminsSecret)))
                                .DELETE()
                                .build())
                        .statusCode())
                .as("an administrator may")
                .isEqualTo(204);
    }

    // ------------------------------------------------------------------ CSRF and the Basic prompt (finding 2)

    @Test
    void stateChangingRequestsNeedTheCsrfHeaderAndNothingAsksForABasicLogin() throws Exception {
        int secrets = count("SELECT COUNT(*) FROM mf_secret");
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/api/credentials"))
                .header("Authorization", operator())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("label=x&secret=cross-site"))
                .build());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(count("SELECT COUNT(*) FROM mf_secret")).isEqualTo(secrets);

        HttpResponse<String> forgedStart =
                send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/CutoverMigration/start"))
                        .header("Authorization", admin())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());
        assertThat(forgedStart.statusCode())
                .as("even the administrator's login changes nothing without the header")
                .isEqualTo(403);
        assertThat(forgedStart.body()).contains("X-Requested-By");

        for (String path :
                new String[] {"/engine-rest/task", "/api/batches/1", "/api/session", "/actuator/prometheus"}) {
            HttpResponse<String> anonymous =
                    send(HttpRequest.newBuilder(uri(path)).build());
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
                    .as(path + " asks the browser for no Basic login")
                    .isEmpty();
        }
        for (String page : new String[] {"/credentials.html", "/mailbox-lists.html"}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(page)).build());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("session.js").contains("mailferryHeaders(");
        }
    }

    @Test
    void thePagesUseTheTasklistSessionAndItsToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        assertThat(webappLogin(browser, "operator", "operator")).isEqualTo(200);

        HttpResponse<String> session =
                browser.send(HttpRequest.newBuilder(uri("/api/session")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).isEqualTo(200);
        JsonNode signedIn = json.readTree(session.body());
        assertThat(signedIn.get("user").asText()).isEqualTo("operator");
        String token = signedIn.get("csrfToken").asText();
        assertThat(token).hasSize(64);

        String body = json.writeValueAsString(
                Map.of("label", "From the page", "purpose", "imap:mail.contoso.com", "secret", "Page-Pw-1"));
        HttpRequest.Builder store = HttpRequest.newBuilder(uri("/api/credentials"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        assertThat(browser.send(store.copy().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("another site's fetch, with the session cookie but without the token")
                .isEqualTo(403);
        assertThat(browser.send(
                                store.copy().header("X-Requested-By", "x").build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a custom header is not enough with a session")
                .isEqualTo(403);
        HttpResponse<String> fromThePage =
                browser.send(store.copy().header("X-XSRF-TOKEN", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fromThePage.statusCode()).as(fromThePage.body()).isEqualTo(201);
        assertThat(browser.send(
                                HttpRequest.newBuilder(uri("/api/credentials/"
                                                + json.readTree(fromThePage.body())
                                                        .get("reference")
                                                        .asText()))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("the session carries the operator's group, not more")
                .isEqualTo(403);
    }

    // ------------------------------------------------------------------ no permanent lockout (finding 17)

    @Test
    void wrongPasswordsLockOnlyTheirAddressAndOnlyForAWhile() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(rawStatus("127.0.0.2", "/engine-rest/process-definition/count", "demo", "guess" + i))
                    .isEqualTo(401);
        }
        assertThat(rawStatus("127.0.0.2", "/engine-rest/process-definition/count", "demo", "demo"))
                .as("the right password from the attacker's address, while locked")
                .isEqualTo(401);
        assertThat(rawStatus("127.0.0.2", "/api/session", "demo", "demo"))
                .as("every door shares the lock")
                .isEqualTo(401);
        assertThat(rawStatus("127.0.0.3", "/engine-rest/process-definition/count", "demo", "demo"))
                .as("the administrator from another address")
                .isEqualTo(200);

        Thread.sleep(Duration.ofSeconds(LOCK_SECONDS).plusMillis(500).toMillis());
        assertThat(rawStatus("127.0.0.2", "/engine-rest/process-definition/count", "demo", "demo"))
                .as("after the lock")
                .isEqualTo(200);
        assertThat(count("SELECT COUNT(*) FROM ACT_ID_USER WHERE ID_ = 'demo' AND (ATTEMPTS_ > 0"
                        + " OR LOCK_EXP_TIME_ IS NOT NULL)"))
                .as("Camunda's own (permanent) lock was never touched")
                .isZero();
    }

    @Test
    void anAddressTryingManyUsersIsLockedForEveryoneThere() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(rawStatus("127.0.0.4", "/engine-rest/task/count", "user" + i, "guess"))
                    .isEqualTo(401);
        }
        assertThat(rawStatus("127.0.0.4", "/engine-rest/task/count", "operator", "operator"))
                .isEqualTo(401);
        assertThat(rawStatus("127.0.0.5", "/engine-rest/task/count", "operator", "operator"))
                .isEqualTo(200);
    }

    @Test
    void theWebappLoginIsThrottledTooAndRecovers() throws Exception {
        createUser("webapplock", "Webapp-Pw-1");
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int i = 0; i < 5; i++) {
            assertThat(webappLogin(browser, "webapplock", "wrong" + i)).isEqualTo(401);
        }
        assertThat(webappLogin(browser, "webapplock", "Webapp-Pw-1"))
                .as("locked from this address")
                .isEqualTo(401);
        Thread.sleep(Duration.ofSeconds(LOCK_SECONDS).plusMillis(500).toMillis());
        assertThat(webappLogin(browser, "webapplock", "Webapp-Pw-1")).isEqualTo(403); // signed in, but no app access
    }

    // ------------------------------------------------------------------ helpers

    /** Tasklist's login form: fetch the webapps' CSRF token, then post the login; the answer's status. */
    private int webappLogin(HttpClient browser, String user, String password) throws Exception {
        HttpResponse<String> probe = browser.send(
                HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // the token comes as a header when the session gets it, and stays in the cookie XSRF-TOKEN
        String token = probe.headers()
                .firstValue("X-XSRF-TOKEN")
                .or(() -> ((CookieManager) browser.cookieHandler().orElseThrow())
                        .getCookieStore().getCookies().stream()
                                .filter(c -> c.getName().equals("XSRF-TOKEN"))
                                .map(java.net.HttpCookie::getValue)
                                .findFirst())
                .orElse(null);
        HttpRequest.Builder login = HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/tasklist"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)));
        if (token != null) {
            login.header("X-XSRF-TOKEN", token);
        }
        return browser.send(login.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** A GET with HTTP Basic from the local address {@code from}; the status code. */
    private int rawStatus(String from, String path, String user, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: "
                            + basic(user, password) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private HttpResponse<String> submitStagedStartForm(String businessKey, String domain) throws Exception {
        return postJson(
                operator(),
                "/engine-rest/process-definition/key/StagedMigration/submit-form",
                Map.of(
                        "businessKey",
                        businessKey,
                        "variables",
                        Map.of("domain", Map.of("value", domain, "type", "String"))));
    }

    private JsonNode firstTask(String businessKey) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            JsonNode tasks =
                    json.readTree(get(operator(), "/engine-rest/task?processInstanceBusinessKey=" + businessKey)
                            .body());
            if (tasks.size() > 0) {
                return tasks.get(0);
            }
            Thread.sleep(300);
        }
        throw new AssertionError("The operator saw no task of " + businessKey + " within 60 s");
    }

    private void createUser(String id, String password) throws Exception {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("profile", Map.of("id", id));
        user.put("credentials", Map.of("password", password));
        HttpResponse<String> created = postJson(admin(), "/engine-rest/user/create", user);
        assertThat(created.statusCode()).as(created.body()).isIn(204, 500);
    }

    private HttpResponse<String> postJson(String authorization, String path, Object body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("X-Requested-By", "access-attack-test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build());
    }

    private HttpResponse<String> get(String authorization, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build());
    }

    private HttpRequest.Builder asOperator(HttpRequest.Builder request) {
        return request.header("Authorization", operator()).header("X-Requested-By", "access-attack-test");
    }

    private HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
        return request.header("Authorization", admin()).header("X-Requested-By", "access-attack-test");
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private int count(String sql) {
        return jdbc.queryForObject(sql, Integer.class);
    }

    private static String operator() {
        return basic("operator", "operator");
    }

    private static String admin() {
        return basic("demo", "demo");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailferry.access.MailferryGroups;
import io.mailferry.mailboxlist.ListLimits;
import io.mailferry.mailboxlist.MailboxListService;
import io.mailferry.mailboxlist.PasswordLeaks;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.Tenant;
import io.mailferry.tenant.TenantProperties;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * The upload API on a real Tomcat on a free port, with the application's multipart limits, Flyway schema, transaction
 * manager and HTTP Basic filter (against a Camunda identity service), but none of the demo's servers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = MailboxListControllerTest.UploadApplication.class,
        properties = "spring.datasource.url=jdbc:h2:mem:mailbox-list-upload;DB_CLOSE_DELAY=-1")
class MailboxListControllerTest {
    static final String USER = "olga";
    static final String LOGIN = "Pässwörd-1";
    static final String PASSWORD = "Kw7-uploaded-Pw";

    @Configuration
    @ImportAutoConfiguration({
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        MultipartAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class,
        DataSourceAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class,
        FlywayAutoConfiguration.class
    })
    @EnableConfigurationProperties({TenantProperties.class, SecretStoreProperties.class})
    @Import({
        MailboxListController.class,
        UploadLimitAdvice.class,
        MailboxListService.class,
        SecretStore.class,
        RestSecurityConfiguration.class
    })
    static class UploadApplication {
        @Bean(destroyMethod = "close")
        ProcessEngine identityEngine() {
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                    ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                            .setJdbcUrl("jdbc:h2:mem:mailbox-list-upload-engine;DB_CLOSE_DELAY=-1")
                            .setProcessEngineName("mailbox-list-upload")
                            .setJobExecutorActivate(false);
            configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+");
            ProcessEngine engine = configuration.buildProcessEngine();
            IdentityService identity = engine.getIdentityService();
            User user = identity.newUser(USER);
            user.setPassword(LOGIN);
            identity.saveUser(user);
            identity.saveGroup(identity.newGroup(MailferryGroups.OPERATORS));
            identity.createMembership(USER, MailferryGroups.OPERATORS);
            return engine;
        }

        @Bean
        IdentityService identityService(ProcessEngine engine) {
            return engine.getIdentityService();
        }

        /** contoso.com verified through its TXT record, as in Microsoft 365. */
        @Bean
        Tenant tenant(TenantProperties properties) {
            Map<String, List<String>> txt = new ConcurrentHashMap<>();
            InMemoryTenant tenant = new InMemoryTenant(properties, name -> txt.getOrDefault(name, List.of()));
            txt.put("contoso.com", List.of(tenant.addDomain("contoso.com")));
            tenant.verifyDomain("contoso.com");
            return tenant;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate anonymous;

    @Autowired
    JdbcTemplate jdbc;

    private TestRestTemplate operator;

    @BeforeEach
    void signIn() {
        operator = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + port)
                .basicAuthentication(USER, LOGIN, StandardCharsets.UTF_8)
                .defaultHeader("X-Requested-By", "mailbox-list-test"));
    }

    /**
     * The request a browser's FormData or {@code curl -F file=@…} sends: no Content-Length on the part, so the server
     * learns the file's size only by reading it (Spring's client would announce it, and be refused unread).
     */
    static HttpEntity<byte[]> upload(String fileName, byte[] content) {
        String boundary = "----mailferry-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary));
        return new HttpEntity<>(body.toByteArray(), headers);
    }

    static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    int stored() {
        return jdbc.queryForObject(
                "SELECT (SELECT COUNT(*) FROM mf_mailbox_list) + (SELECT COUNT(*) FROM "
                        + "mf_mailbox_list_entry) + (SELECT COUNT(*) FROM mf_secret)",
                Integer.class);
    }

    @Test
    void storesAValidListAnswering201WithTheSummary() {
        ResponseEntity<JsonNode> created = operator.postForEntity(
                "/api/mailbox-lists",
                upload(
                        "pilot.csv",
                        csv("EmailAddress,Password,ForceChangePassword\r\npilarp@contoso.com," + PASSWORD + ",False\r\n"
                                + "tobyn@contoso.com," + PASSWORD + "2,True\r\n")),
                JsonNode.class);

        assertThat(created.getStatusCode())
                .as(String.valueOf(created.getBody()))
                .isEqualTo(HttpStatus.CREATED);
        JsonNode body = created.getBody();
        long id = body.get("id").asLong();
        assertThat(body.get("mailboxes").asInt()).isEqualTo(2);
        assertThat(body.get("batches").toString()).isEqualTo("[{\"number\":1,\"mailboxes\":2}]");
        assertThat(body.get("fileName").asText()).isEqualTo("pilot.csv");
        assertThat(body.get("createdBy").asText()).as("the signed-in operator").isEqualTo(USER);
        assertThat(created.getHeaders().getLocation()).hasPath("/api/mailbox-lists/" + id);
        assertThat(body.toString()).doesNotContain(PASSWORD).doesNotContain("secret:");

        ResponseEntity<JsonNode> fetched =
                operator.getForEntity(created.getHeaders().getLocation(), JsonNode.class);
        assertThat(fetched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(fetched.getBody()).isEqualTo(body);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret", Integer.class))
                .as("the list's passwords kept: no step uses them")
                .isZero();
        assertThat(PasswordLeaks.tablesContaining(jdbc, PASSWORD))
                .as("the password in clear anywhere")
                .isEmpty();
    }

    @Test
    void answers422WithEveryProblemAndStoresNothing() {
        int before = stored();
        ResponseEntity<JsonNode> refused = operator.postForEntity(
                "/api/mailbox-lists",
                upload(
                        "faulty.csv",
                        csv("EmailAddress,Password,ForceChangePassword\npilarp@contoso.com," + PASSWORD + ",False\n"
                                + "pilarp@contoso.com,Qj4!x,False\nsomeone@fabrikam.com," + PASSWORD + ",Maybe\n")),
                JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        JsonNode errors = refused.getBody().get("errors");
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0).toString())
                .isEqualTo("{\"row\":3,\"column\":\"EmailAddress\",\"message\":"
                        + "\"pilarp@contoso.com is already listed in row 2 (addresses are compared without regard to case); "
                        + "list each mailbox once\"}");
        assertThat(errors)
                .extracting(e -> e.get("row").asInt() + " " + e.get("column").asText())
                .containsExactly("3 EmailAddress", "3 Password", "4 EmailAddress", "4 ForceChangePassword");
        assertThat(refused.getBody().toString()).doesNotContain(PASSWORD).doesNotContain("Qj4!x");
        assertThat(stored()).as("nothing stored, no secret either").isEqualTo(before);
        assertThat(PasswordLeaks.tablesContaining(jdbc, PASSWORD)).isEmpty();
    }

    @Test
    void splitsOnRequestAndOtherwiseExplainsHow() {
        StringBuilder csv = new StringBuilder("EmailAddress\n");
        for (int i = 1; i <= 4500; i++) {
            csv.append("user").append(i).append("@contoso.com\n");
        }
        ResponseEntity<JsonNode> refused =
                operator.postForEntity("/api/mailbox-lists", upload("all.csv", csv(csv.toString())), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getBody().get("errors").get(0).get("message").asText())
                .contains("split=true");

        ResponseEntity<JsonNode> created = operator.postForEntity(
                "/api/mailbox-lists?split=true", upload("all.csv", csv(csv.toString())), JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("mailboxes").asInt()).isEqualTo(4500);
        assertThat(created.getBody().get("batches").toString())
                .isEqualTo("[{\"number\":1,\"mailboxes\":2000},"
                        + "{\"number\":2,\"mailboxes\":2000},{\"number\":3,\"mailboxes\":500}]");
    }

    @Test
    void splitsIntoTheBatchSizeAskedFor() {
        StringBuilder five = new StringBuilder("EmailAddress,Password\n");
        for (int i = 1; i <= 5; i++) {
            five.append("user0")
                    .append(i)
                    .append("@contoso.com,")
                    .append(PASSWORD)
                    .append(i)
                    .append('\n');
        }

        ResponseEntity<JsonNode> created = operator.postForEntity(
                "/api/mailbox-lists?split=true&batchSize=3", upload("pilot.csv", csv(five.toString())), JsonNode.class);

        assertThat(created.getStatusCode())
                .as(String.valueOf(created.getBody()))
                .isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("batches").toString())
                .isEqualTo("[{\"number\":1,\"mailboxes\":3},{\"number\":2,\"mailboxes\":2}]");
        ResponseEntity<JsonNode> unsplit = operator.postForEntity(
                "/api/mailbox-lists?batchSize=3", upload("pilot.csv", csv(five.toString())), JsonNode.class);
        assertThat(unsplit.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unsplit.getBody().get("errors").get(0).get("message").asText())
                .startsWith("The list has 5 mailboxes; the batch size asked for is 3");
    }

    @Test
    void refusesABatchSizeOutside1To2000NamingTheParameter() {
        int before = stored();
        for (String size : List.of("0", "2001")) {
            ResponseEntity<JsonNode> refused = operator.postForEntity(
                    "/api/mailbox-lists?split=true&batchSize=" + size,
                    upload("pilot.csv", csv("EmailAddress\npilarp@contoso.com\n")),
                    JsonNode.class);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(refused.getBody().get("message").asText())
                    .isEqualTo("batchSize: a batch holds 1 to 2000 " + "mailboxes (the seed's limit per batch), not "
                            + size);
        }
        ResponseEntity<JsonNode> notANumber = operator.postForEntity(
                "/api/mailbox-lists?batchSize=many",
                upload("pilot.csv", csv("EmailAddress\npilarp@contoso.com\n")),
                JsonNode.class);
        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notANumber.getBody().get("message").asText()).isEqualTo("batchSize: 'many' is not a whole number");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void refusesTooLargeFilesWith413() {
        byte[] large = new byte[2 * 1024 * 1024 + 1];
        Arrays.fill(large, (byte) 'a');
        int before = stored();

        ResponseEntity<JsonNode> refused =
                operator.postForEntity("/api/mailbox-lists", upload("large.csv", large), JsonNode.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(refused.getBody().get("message").asText())
                .startsWith("The file is larger than 2 MB, the upload "
                        + "limit (spring.servlet.multipart.max-file-size).");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void requiresSignInForTheApiAndThePageUsesTheSession() {
        int before = stored();
        ResponseEntity<String> upload = anonymous.postForEntity(
                "/api/mailbox-lists", upload("pilot.csv", csv("EmailAddress\npilarp@contoso.com\n")), String.class);
        assertThat(upload.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(upload.getHeaders().containsKey("WWW-Authenticate")).isFalse();
        assertThat(stored()).isEqualTo(before);

        // the page holds no data: it asks api/session and sends the operator to Tasklist's login without one
        ResponseEntity<String> page = anonymous.getForEntity("/mailbox-lists.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().containsKey("WWW-Authenticate")).isFalse();
        assertThat(page.getBody())
                .contains("<script src=\"session.js\"></script>")
                .contains("headers: await mailferryHeaders(")
                .contains("fetch('api/mailbox-lists?' + query")
                .contains("type=\"file\"")
                .contains("id=\"batchSize\"");
    }

    /**
     * Security review finding 13 through the upload: the shapes of the review's 10 MB files, as large as the upload
     * takes them to the check, and a file over the list's limit; each answered with a page, not with its size.
     */
    @Test
    void hostileFilesAreRefusedWithAShortAnswer() {
        int before = stored();
        byte[] commas = new byte[ListLimits.MAX_BYTES];
        Arrays.fill(commas, (byte) ',');
        System.arraycopy(csv("EmailAddress"), 0, commas, 0, "EmailAddress".length());
        int rows = (ListLimits.MAX_BYTES - "EmailAddress\n".length()) / 2;
        byte[] badRows = Arrays.copyOf(csv("EmailAddress\n"), "EmailAddress\n".length() + 2 * rows);
        for (int i = "EmailAddress\n".length(); i < badRows.length; i += 2) {
            badRows[i] = (byte) 0xFF; // a byte no UTF-8 text has, alone on its row
            badRows[i + 1] = '\n';
        }
        byte[] overLimit = new byte[ListLimits.MAX_BYTES + 1];
        Arrays.fill(overLimit, (byte) 'a');

        ResponseEntity<JsonNode> wide =
                operator.postForEntity("/api/mailbox-lists", upload("commas.csv", commas), JsonNode.class);
        ResponseEntity<JsonNode> bad =
                operator.postForEntity("/api/mailbox-lists", upload("badbytes.csv", badRows), JsonNode.class);
        ResponseEntity<JsonNode> large =
                operator.postForEntity("/api/mailbox-lists", upload("large.csv", overLimit), JsonNode.class);

        assertThat(wide.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(wide.getBody().get("errors")).hasSize(1);
        assertThat(wide.getBody().get("errors").get(0).get("message").asText())
                .startsWith("The header has 1,682,833 columns; a mailbox list has at most 3");
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(bad.getBody().get("errors")).hasSize(101);
        assertThat(bad.getBody().get("problemCount").asLong())
                .as("one a row, and more mailboxes than a batch holds")
                .isEqualTo(841_415 + 1);
        assertThat(bad.getBody().get("errors").get(100).get("message").asText())
                .startsWith("… and 841,316 more problems from this row on");
        assertThat(bad.getBody().toString()).hasSizeLessThan(40_000);
        assertThat(large.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(large.getBody().get("errors").get(0).get("message").asText())
                .startsWith("The file has 1,682,845 bytes; a mailbox list has at most 1,682,844");
        assertThat(stored()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void answersClearlyForAMissingFileOrList() {
        ResponseEntity<JsonNode> noFile = operator.postForEntity(
                "/api/mailbox-lists",
                new HttpEntity<>(new LinkedMultiValueMap<>(Map.of("other", List.of("x"))), multipart()),
                JsonNode.class);
        assertThat(noFile.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noFile.getBody().get("message").asText()).contains("in the field 'file'");

        ResponseEntity<JsonNode> missing = operator.getForEntity("/api/mailbox-lists/999999", JsonNode.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody().get("message").asText()).isEqualTo("There is no mailbox list with id 999999");
    }

    private static HttpHeaders multipart() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return headers;
    }
}

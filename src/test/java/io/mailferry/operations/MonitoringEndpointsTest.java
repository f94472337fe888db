package io.mailferry.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application's Actuator endpoints as an orchestrator and Prometheus see them: the whole demo application on a
 * free port (its stand-in servers on free ports too, so a demo running on this machine is no obstacle), with the
 * demo's Camunda admin demo/demo.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:monitoring-endpoints;DB_CLOSE_DELAY=-1",
            "mailferry.demo.onprem.imap-port=0",
            "mailferry.demo.onprem.smtp-port=0",
            "mailferry.demo.cloud.imap-port=0",
            "mailferry.demo.cloud.smtp-port=0",
            "mailferry.demo.directory.port=0",
            "mailferry.demo.dns.port=0"
        })
@ActiveProfiles("demo")
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class MonitoringEndpointsTest {

    /** Prometheus' own login, for wrong passwords: each locks its user for a few seconds, demo must stay usable. */
    private static final String SCRAPER = "prometheus";

    @Autowired
    TestRestTemplate anonymous;

    @Autowired
    IdentityService identity;

    private TestRestTemplate operator() {
        return anonymous.withBasicAuth("demo", "demo");
    }

    @BeforeEach
    void createScraper() {
        if (identity.createUserQuery().userId(SCRAPER).count() == 0) {
            User scraper = identity.newUser(SCRAPER);
            scraper.setPassword("Scrape-Pw-1");
            identity.saveUser(scraper);
        }
    }

    @Test
    void shouldAnswerTheProbesWithoutALoginAndWithoutDetails() {
        for (String probe : new String[] {"/actuator/health/readiness", "/actuator/health/liveness"}) {
            ResponseEntity<JsonNode> response = anonymous.getForEntity(probe, JsonNode.class);

            assertThat(response.getStatusCode()).as(probe).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().path("status").asText()).as(probe).isEqualTo("UP");
            assertThat(response.getBody().has("components"))
                    .as(probe + " hides its components from anonymous callers")
                    .isFalse();
        }
        assertThat(anonymous
                        .withBasicAuth(SCRAPER, "stale")
                        .getForEntity("/actuator/health/readiness", String.class)
                        .getStatusCode())
                .as("a probe configured with an old password still works")
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void shouldCountDatabaseAndJobExecutorAsReadinessForASignedInOperator() {
        ResponseEntity<JsonNode> response = operator().getForEntity("/actuator/health/readiness", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode components = response.getBody().path("components");
        assertThat(components.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("readinessState", "db", "jobExecutor");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("jobExecutor").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldRefusePrometheusScrapesWithoutAValidLogin() {
        assertThat(anonymous.getForEntity("/actuator/prometheus", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous
                        .withBasicAuth(SCRAPER, "wrong")
                        .getForEntity("/actuator/prometheus", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void shouldServeMetricsToACamundaUser() {
        ResponseEntity<String> response = operator().getForEntity("/actuator/prometheus", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody())
                .contains("mailferry_messages_copied_total{")
                .contains("mailferry_messages_copied_bytes_total{")
                .contains("mailferry_messages_skipped_total{")
                .contains("mailferry_slices_total{")
                .contains("mailferry_incidents_open{")
                .contains("mailferry_jobs_due{")
                .contains("application=\"mailferry\"");
    }

    @Test
    void shouldExposeNoOtherActuatorEndpoint() {
        assertThat(anonymous.getForEntity("/actuator/env", String.class).getStatusCode())
                .as("a login is asked before anything else")
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(operator().getForEntity("/actuator/env", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(operator()
                        .getForEntity("/actuator/health/../env", String.class)
                        .getStatusCode())
                .isIn(HttpStatus.NOT_FOUND, HttpStatus.BAD_REQUEST);
    }
}

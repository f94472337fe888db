package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiAuthenticationFilterTest {
    private static ProcessEngine engine;
    private static IdentityService identity;

    @BeforeAll
    static void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:api-authentication;DB_CLOSE_DELAY=-1")
                        .setProcessEngineName("api-authentication")
                        .setJobExecutorActivate(false);
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+");
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
        User user = identity.newUser("olga");
        user.setPassword("Pässwörd-1");
        identity.saveUser(user);
        identity.saveGroup(identity.newGroup("migration-operators"));
        identity.createMembership("olga", "migration-operators");
        // a user of its own: olga's wrong password in another test locks her for a few seconds
        User scraper = identity.newUser("prometheus");
        scraper.setPassword("Scrape-Pw-1");
        identity.saveUser(scraper);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private static MockHttpServletResponse call(String authorization, AtomicReference<String> seenUser)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/credentials");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seenUser.set(req.getRemoteUser() + " "
                        + identity.getCurrentAuthentication().getGroupIds());
            }
        });
        new ApiAuthenticationFilter(identity).doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletResponse callManagement(
            String path, String authorization, AtomicReference<String> seenUser) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setServletPath(path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seenUser.set(String.valueOf(req.getUserPrincipal() == null ? null : req.getRemoteUser()));
            }
        });
        new RestSecurityConfiguration()
                .managementAuthentication(identity)
                .getFilter()
                .doFilter(request, response, chain);
        return response;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void camundaUserGetsThroughWithGroups() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletResponse response = call(basic("olga", "Pässwörd-1"), seen);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("olga [migration-operators]");
        assertThat(identity.getCurrentAuthentication())
                .as("cleared after the request")
                .isNull();
    }

    @Test
    void missingOrWrongCredentialsAreChallenged() throws Exception {
        for (String header :
                new String[] {null, basic("olga", "wrong"), basic("nobody", "x"), "Basic %%%", "Bearer abc"}) {
            AtomicReference<String> seen = new AtomicReference<>();
            MockHttpServletResponse response = call(header, seen);
            assertThat(response.getStatus()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=");
            assertThat(seen.get()).isNull();
        }
    }

    @Test
    void healthProbesPassWithoutALoginAndCarryTheUserWhenThereIsOne() throws Exception {
        for (String path :
                new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            AtomicReference<String> seen = new AtomicReference<>();
            assertThat(callManagement(path, null, seen).getStatus()).as(path).isEqualTo(200);
            assertThat(seen.get()).as(path).isEqualTo("null");

            assertThat(callManagement(path, basic("prometheus", "Scrape-Pw-1"), seen)
                            .getStatus())
                    .isEqualTo(200);
            assertThat(seen.get())
                    .as("details are shown to " + path + "'s user")
                    .isEqualTo("prometheus");

            assertThat(callManagement(path, basic("nobody", "x"), seen).getStatus())
                    .as("a stale login does not fail a probe")
                    .isEqualTo(200);
            assertThat(seen.get()).isEqualTo("null");
        }
    }

    @Test
    void everyOtherManagementEndpointNeedsALogin() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator", "/actuator/env", "/actuator/healthz"}) {
            AtomicReference<String> seen = new AtomicReference<>();
            assertThat(callManagement(path, null, seen).getStatus()).as(path).isEqualTo(401);
            assertThat(callManagement(path, basic("nobody", "x"), seen).getStatus())
                    .as(path)
                    .isEqualTo(401);
            assertThat(seen.get()).isNull();
            assertThat(callManagement(path, basic("prometheus", "Scrape-Pw-1"), seen)
                            .getStatus())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    @Test
    void registrationsProtectBothApis() {
        RestSecurityConfiguration configuration = new RestSecurityConfiguration();
        var engineRest = configuration.engineRestAuthentication();
        assertThat(engineRest.getUrlPatterns()).containsExactly("/engine-rest/*");
        assertThat(engineRest.getInitParameters())
                .containsEntry(
                        "authentication-provider",
                        "org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider");
        assertThat(configuration.apiAuthentication(identity).getUrlPatterns()).contains("/api/*", "/credentials.html");
        assertThat(configuration.managementAuthentication(identity).getUrlPatterns())
                .containsExactly("/actuator/*");
    }
}

package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The doors of {@code /api} and {@code /actuator} against a Camunda identity service: HTTP Basic or the webapps'
 * session, a Mailferry group, the CSRF header for a request that changes something, and never a Basic challenge.
 */
class ApiAuthenticationFilterTest {
    private static final String ENGINE = "api-authentication";
    private static ProcessEngine engine;
    private static IdentityService identity;
    private static Callers callers;

    @BeforeAll
    static void startEngine() {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                        .setJdbcUrl("jdbc:h2:mem:api-authentication;DB_CLOSE_DELAY=-1")
                        .setProcessEngineName(ENGINE)
                        .setJobExecutorActivate(false);
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+");
        engine = configuration.buildProcessEngine();
        identity = engine.getIdentityService();
        user("olga", "Pässwörd-1");
        identity.saveGroup(identity.newGroup("migration-operators"));
        identity.createMembership("olga", "migration-operators");
        user("prometheus", "Scrape-Pw-1"); // in no group
        // wrong passwords go to a user of their own: this plain engine has Camunda's lock, which delays the next try
        user("victim", "Victim-Pw-1");
        callers = new Callers(identity, ENGINE);
    }

    private static void user(String id, String password) {
        User user = identity.newUser(id);
        user.setPassword(password);
        identity.saveUser(user);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    private static MockHttpServletResponse call(MockHttpServletRequest request, AtomicReference<String> seen)
            throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seen.set(req.getRemoteUser() + " "
                        + identity.getCurrentAuthentication().getGroupIds());
            }
        });
        new ApiAuthenticationFilter(callers, identity).doFilter(request, response, chain);
        return response;
    }

    private static MockHttpServletRequest api(String method, String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/credentials");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }

    /** A session in which olga signed in to Tasklist, as Camunda's login resource leaves it. */
    private static MockHttpSession tasklistSession() {
        MockHttpSession session = new MockHttpSession();
        UserAuthentication olga = new UserAuthentication("olga", ENGINE);
        AuthenticationUtil.getAuthsFromSession(session).addOrReplace(olga);
        return session;
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
                .managementAuthentication(callers)
                .getFilter()
                .doFilter(request, response, chain);
        return response;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void operatorGetsThroughWithGroups() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletResponse response = call(api("GET", basic("olga", "Pässwörd-1")), seen);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("olga [migration-operators]");
        assertThat(identity.getCurrentAuthentication())
                .as("cleared after the request")
                .isNull();
    }

    @Test
    void missingOrWrongCredentialsAreRefusedWithoutABasicChallenge() throws Exception {
        for (String header :
                new String[] {null, basic("victim", "wrong"), basic("nobody", "x"), "Basic %%%", "Bearer abc"}) {
            AtomicReference<String> seen = new AtomicReference<>();
            MockHttpServletResponse response = call(api("GET", header), seen);
            assertThat(response.getStatus()).as(String.valueOf(header)).isEqualTo(401);
            assertThat(response.getHeader("WWW-Authenticate"))
                    .as("a challenge would make the browser ask for and keep a Basic login")
                    .isNull();
            assertThat(response.getContentAsString()).contains("Sign in first");
            assertThat(seen.get()).isNull();
        }
    }

    @Test
    void aUserInNeitherMailferryGroupIsRefused() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletResponse response = call(api("GET", basic("prometheus", "Scrape-Pw-1")), seen);

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString())
                .contains("migration-operators")
                .contains("camunda-admin");
        assertThat(seen.get()).isNull();
    }

    @Test
    void aBasicLoginChangesNothingWithoutTheRequestedByHeader() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletResponse refused = call(api("POST", basic("olga", "Pässwörd-1")), seen);
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("X-Requested-By");
        assertThat(seen.get()).isNull();

        MockHttpServletRequest scripted = api("POST", basic("olga", "Pässwörd-1"));
        scripted.addHeader("X-Requested-By", "curl");
        assertThat(call(scripted, seen).getStatus()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("olga [migration-operators]");
    }

    @Test
    void theTasklistSessionSignsInAndNeedsItsTokenToChangeAnything() throws Exception {
        MockHttpSession session = tasklistSession();
        AtomicReference<String> seen = new AtomicReference<>();
        MockHttpServletRequest read = api("GET", null);
        read.setSession(session);
        assertThat(call(read, seen).getStatus()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("olga [migration-operators]");

        String token = CsrfGuard.token(session);
        for (String sent : new String[] {null, "", "0".repeat(64), token.substring(1)}) {
            seen.set(null);
            MockHttpServletRequest forged = api("POST", null);
            forged.setSession(session);
            if (sent != null) {
                forged.addHeader("X-XSRF-TOKEN", sent);
            }
            forged.addHeader("X-Requested-By", "a header alone is not enough with a session");
            MockHttpServletResponse response = call(forged, seen);
            assertThat(response.getStatus()).as(String.valueOf(sent)).isEqualTo(403);
            assertThat(response.getContentAsString()).contains("X-XSRF-TOKEN");
            assertThat(seen.get()).isNull();
        }

        MockHttpServletRequest fromThePage = api("POST", null);
        fromThePage.setSession(session);
        fromThePage.addHeader("X-XSRF-TOKEN", token);
        assertThat(call(fromThePage, seen).getStatus()).isEqualTo(200);
    }

    @Test
    void aSessionOfAnotherEngineOrWithoutLoginIsNoCaller() throws Exception {
        MockHttpSession foreign = new MockHttpSession();
        AuthenticationUtil.getAuthsFromSession(foreign).addOrReplace(new UserAuthentication("olga", "other-engine"));
        for (MockHttpSession session : List.of(new MockHttpSession(), foreign)) {
            MockHttpServletRequest request = api("GET", null);
            request.setSession(session);
            assertThat(call(request, new AtomicReference<>()).getStatus()).isEqualTo(401);
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
            MockHttpServletResponse anonymous = callManagement(path, null, seen);
            assertThat(anonymous.getStatus()).as(path).isEqualTo(401);
            assertThat(anonymous.getHeader("WWW-Authenticate")).isNull();
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
    void registrationsProtectBothApisWithoutChallenge() {
        RestSecurityConfiguration configuration = new RestSecurityConfiguration();
        var engineRest = configuration.engineRestAuthentication();
        assertThat(engineRest.getUrlPatterns()).containsExactly("/engine-rest/*");
        assertThat(engineRest.getInitParameters())
                .containsEntry("authentication-provider", SilentBasicAuthenticationProvider.class.getName());
        assertThat(configuration.engineRestCsrf().getUrlPatterns()).containsExactly("/engine-rest/*");
        assertThat(configuration.engineRestCsrf().getOrder())
                .as("after the login is checked, so a request without one is a 401")
                .isGreaterThan(engineRest.getOrder());
        assertThat(configuration.apiAuthentication(callers, identity).getUrlPatterns())
                .containsExactly("/api/*");
        assertThat(configuration.managementAuthentication(callers).getUrlPatterns())
                .containsExactly("/actuator/*");
    }
}

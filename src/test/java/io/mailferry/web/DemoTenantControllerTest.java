package io.mailferry.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailferry.access.MailferryGroups;
import io.mailferry.demo.DemoCamundaUsers;
import io.mailferry.demo.JoinedDemoTenant;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.InMemoryTenantConnection;
import io.mailferry.tenant.TenantProperties;
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
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;

/**
 * A demo node that joins another uses the first node's tenant: {@link JoinedDemoTenant} against the first node's
 * {@link DemoTenantController} on a real Tomcat, with the application's HTTP Basic filter and group check.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = DemoTenantControllerTest.FirstNode.class)
@ActiveProfiles("demo")
class DemoTenantControllerTest {
    private static final Map<String, List<String>> TXT = new ConcurrentHashMap<>();

    @Configuration
    @ImportAutoConfiguration({
        ServletWebServerFactoryAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class
    })
    @EnableConfigurationProperties(TenantProperties.class)
    @Import({DemoTenantController.class, RestSecurityConfiguration.class})
    static class FirstNode {
        @Bean(destroyMethod = "close")
        ProcessEngine identityEngine() {
            ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl)
                    ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                            .setJdbcUrl("jdbc:h2:mem:demo-tenant-engine;DB_CLOSE_DELAY=-1")
                            .setProcessEngineName("demo-tenant")
                            .setJobExecutorActivate(false);
            configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9-]+");
            ProcessEngine engine = configuration.buildProcessEngine();
            IdentityService identity = engine.getIdentityService();
            User operator = identity.newUser(DemoCamundaUsers.OPERATOR);
            operator.setPassword(DemoCamundaUsers.OPERATOR_PASSWORD);
            identity.saveUser(operator);
            identity.saveGroup(identity.newGroup(MailferryGroups.OPERATORS));
            identity.createMembership(DemoCamundaUsers.OPERATOR, MailferryGroups.OPERATORS);
            return engine;
        }

        @Bean
        IdentityService identityService(ProcessEngine engine) {
            return engine.getIdentityService();
        }

        @Bean
        InMemoryTenant tenant(TenantProperties properties) {
            return new InMemoryTenant(properties, name -> TXT.getOrDefault(name, List.of()));
        }

        @Bean
        InMemoryTenantConnection connection(InMemoryTenant tenant, TenantProperties properties) {
            return new InMemoryTenantConnection(tenant, properties);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemoryTenant firstNodesTenant;

    @Autowired
    TenantProperties properties;

    @Autowired
    TestRestTemplate anonymous;

    private JoinedDemoTenant joined;

    @BeforeEach
    void join() {
        joined = new JoinedDemoTenant(port, properties, new ObjectMapper());
    }

    @Test
    void aDomainAddedThroughOneNodeIsVerifiedThroughTheOther() {
        String token = joined.addDomain("Fabrikam.com");
        assertThat(token).isEqualTo(firstNodesTenant.addDomain("fabrikam.com"));
        assertThat(joined.verifyDomain("fabrikam.com").verified()).isFalse();

        TXT.put("fabrikam.com", List.of(token));

        assertThat(firstNodesTenant.verifyDomain("fabrikam.com").verified()).isTrue();
        assertThat(joined.isDomainVerified("fabrikam.com")).isTrue();
        assertThat(joined.verifiedDomains()).contains("fabrikam.com");
    }

    @Test
    void usersAndLicencesAreTheFirstNodesOnes() {
        joined.createUser("Ada@contoso.com", "Ada");
        assertThat(firstNodesTenant.userExists("ada@contoso.com")).isTrue();
        assertThat(joined.missingUsers(List.of("ada@contoso.com", "bob@contoso.com")))
                .containsExactly("bob@contoso.com");

        assertThat(joined.assignLicences(List.of("ada@contoso.com")).licensed()).containsExactly("ada@contoso.com");
        assertThat(firstNodesTenant.unlicensedUsers(List.of("ada@contoso.com"))).isEmpty();
        assertThat(joined.unlicensedUsers(List.of("ada@contoso.com", "bob@contoso.com")))
                .containsExactly("bob@contoso.com");
    }

    @Test
    void whatTheTenantRefusesIsRefusedOnTheJoinedNodeWithTheSameReason() {
        String reason = catchMessage(() -> firstNodesTenant.missingMailEnabledSecurityGroups(List.of("Finance; DROP")));

        assertThatThrownBy(() -> joined.missingMailEnabledSecurityGroups(List.of("Finance; DROP")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(reason);
        assertThat(firstNodesTenant.groupNames()).doesNotContain("Finance; DROP");
    }

    @Test
    void routingAddressesAndTheConnectionChecksAreTheFirstNodesToo() {
        firstNodesTenant.createUser("ada@contoso.com", "Ada");

        assertThat(joined.cloudRoutingAddresses(List.of("ada@contoso.com", "bob@contoso.com")))
                .containsExactly(java.util.Map.entry("ada@contoso.com", "ada@" + firstNodesTenant.initialDomain()));
        assertThat(joined.cloudRoutingAddress("bob@contoso.com")).isEmpty();
        assertThat(joined.check("ada@contoso.com"))
                .as("the test mailbox is a user of the first node's tenant")
                .allMatch(io.mailferry.tenant.ConnectionCheck::passed);
        assertThat(joined.check("bob@contoso.com"))
                .anySatisfy(check -> assertThat(check.detail()).contains("the tenant has no mailbox bob@contoso.com"));
        assertThat(joined.settings().inMemory()).isTrue();
    }

    @Test
    void anUnsignedCallChangesNothing() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Requested-By", "attacker");
        var answer = anonymous.postForEntity(
                DemoTenantController.PATH + "/create-user",
                new HttpEntity<>("{\"name\":\"mallory@contoso.com\"}", headers),
                String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(firstNodesTenant.userExists("mallory@contoso.com")).isFalse();
    }

    @Test
    void aFirstNodeThatDoesNotAnswerFailsTheCallNamingIt() {
        JoinedDemoTenant nobodyThere = new JoinedDemoTenant(1, properties, new ObjectMapper());
        assertThatThrownBy(() -> nobodyThere.addDomain("contoso.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("http://127.0.0.1:1/api/demo/tenant/add-domain did not answer");
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the tenant to refuse");
    }
}

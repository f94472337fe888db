package io.mailferry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DeploymentProfileCheckTest {

    private static MockEnvironment demo(Map<String, String> settings) {
        MockEnvironment env = new MockEnvironment();
        env.setDefaultProfiles("demo");
        settings.forEach(env::setProperty);
        return env;
    }

    private static MockEnvironment production(Map<String, String> settings) {
        MockEnvironment env = new MockEnvironment();
        env.setDefaultProfiles("demo");
        env.setActiveProfiles("production");
        settings.forEach(env::setProperty);
        return env;
    }

    /** What docs/operations.md's one-node example sets. */
    private static Map<String, String> completeProduction() {
        return Map.ofEntries(
                Map.entry("camunda.bpm.admin-user.id", "mf-admin"),
                Map.entry("camunda.bpm.admin-user.password", "a-long-first-password"),
                Map.entry("mailferry.source.host", "mail.contoso.com"),
                Map.entry("mailferry.source.admin-user", "CONTOSO\\mfadmin"),
                Map.entry("mailferry.source.password", "x"),
                Map.entry("mailferry.target.admin-user", "mf@contoso.onmicrosoft.com"),
                Map.entry("mailferry.target.password", "y"),
                Map.entry("mailferry.directory.url", "ldaps://dc1.contoso.com:636"),
                Map.entry("mailferry.directory.bind-dn", "cn=mailferry,ou=service,dc=contoso,dc=com"),
                Map.entry("mailferry.directory.bind-password", "z"),
                Map.entry("mailferry.directory.base-dn", "dc=contoso,dc=com"),
                Map.entry("mailferry.tenant.initial-domain", "contoso.onmicrosoft.com"),
                Map.entry("spring.mail.host", "smtp.contoso.com"),
                Map.entry("spring.mail.properties.mail.smtp.starttls.required", "true"),
                Map.entry("mailferry.notify.operators", "migration-team@contoso.com"),
                Map.entry("mailferry.timers.mx-propagation-wait", "PT72H"),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "30"),
                Map.entry("camunda.bpm.job-execution.max-pool-size", "6"));
    }

    @Test
    void productionWithAMicrosoft365TenantNeedsNoTargetPasswordNorInitialDomain() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.remove("mailferry.target.admin-user");
        settings.remove("mailferry.target.password");
        settings.remove("mailferry.tenant.initial-domain");

        assertThat(DeploymentProfileCheck.check(production(settings)))
                .as("the in-memory tenant's settings, without a tenant")
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.target.password is missing"));
        settings.put("mailferry.m365.tenant-id", "contoso.onmicrosoft.com");
        assertThat(DeploymentProfileCheck.check(production(settings)))
                .as("Exchange Online is signed in to with the app's token")
                .noneSatisfy(p -> assertThat(p).startsWith("mailferry.target"))
                .noneSatisfy(p -> assertThat(p).startsWith("mailferry.tenant.initial-domain"));
    }

    @Test
    void productionWithNothingNamesEverySettingItNeeds() {
        List<String> problems = DeploymentProfileCheck.check(production(Map.of()));

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("camunda.bpm.admin-user.id is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("camunda.bpm.admin-user.password is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.source.host is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.source.password is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.target.admin-user is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.directory.url is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.tenant.initial-domain is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("spring.mail.host is missing"))
                .anySatisfy(p -> assertThat(p).startsWith("spring.datasource.hikari.maximum-pool-size=10"));
        assertThatThrownBy(() -> new DeploymentProfileCheck(java.util.function.Supplier::get)
                        .postProcessEnvironment(production(Map.of()), null))
                .isInstanceOf(InvalidDeploymentException.class)
                .hasMessageContaining("production profile")
                .hasMessageContaining("mailferry.target.password is missing");
    }

    @Test
    void theRealTenantNeedsNoInitialDomainSetting() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.remove("mailferry.tenant.initial-domain");
        settings.put("mailferry.m365.tenant-id", "contoso.onmicrosoft.com");

        assertThat(DeploymentProfileCheck.check(production(settings))).isEmpty();
    }

    @Test
    void aCompleteProductionConfigurationPasses() {
        assertThat(DeploymentProfileCheck.check(production(completeProduction())))
                .isEmpty();
    }

    @Test
    void productionRefusesDemoTimersThePlaintextLoginAndTheDemoPassword() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.put("mailferry.timers.mx-propagation-wait", "PT1M");
        settings.put("mailferry.source.security", "NONE");
        settings.put("camunda.bpm.admin-user.password", "demo");

        assertThat(DeploymentProfileCheck.check(production(settings)))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("mailferry.timers.mx-propagation-wait=PT1M")
                        .contains("72"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.source.security=NONE"))
                .anySatisfy(p -> assertThat(p).contains("well-known password"))
                .hasSize(3);
    }

    @Test
    void productionRefusesToStartWithPlaintextNamingTheSettingThatWouldAllowIt() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.put("mailferry.directory.url", "ldap://dc1.contoso.com:389");
        settings.put("mailferry.source.security", "NONE");
        settings.put("mailferry.target.security", "none");
        settings.remove("spring.mail.properties.mail.smtp.starttls.required");

        assertThatThrownBy(() -> new DeploymentProfileCheck(java.util.function.Supplier::get)
                        .postProcessEnvironment(production(settings), null))
                .isInstanceOf(InvalidDeploymentException.class)
                .satisfies(e -> assertThat(((InvalidDeploymentException) e).problems())
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("mailferry.directory.url=ldap://dc1.contoso.com:389")
                                .contains("ldaps://", "mailferry.directory.allow-plaintext=true"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("mailferry.source.security=NONE")
                                .contains("mail.contoso.com", "mailferry.source.allow-plaintext=true"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("mailferry.target.security=NONE")
                                .contains("mailferry.target.allow-plaintext=true"))
                        .anySatisfy(p -> assertThat(p)
                                .startsWith("spring.mail.host=smtp.contoso.com")
                                .contains("starttls.required=true", "mailferry.notify.allow-plaintext=true"))
                        .hasSize(4));
    }

    @Test
    void plaintextAllowedPerEndpointStartsWithAWarningNamingEachOne() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.put("mailferry.directory.url", "ldap://dc1.contoso.com:389");
        settings.put("mailferry.directory.allow-plaintext", "true");
        settings.put("mailferry.source.security", "NONE");
        settings.put("mailferry.source.allow-plaintext", "true");
        settings.put("mailferry.target.allow-plaintext", "true"); // target uses TLS: nothing to warn about
        org.apache.commons.logging.Log log = org.mockito.Mockito.mock(org.apache.commons.logging.Log.class);

        new DeploymentProfileCheck(destination -> log).postProcessEnvironment(production(settings), null);

        org.mockito.ArgumentCaptor<Object> warning = org.mockito.ArgumentCaptor.forClass(Object.class);
        org.mockito.Mockito.verify(log).warn(warning.capture());
        assertThat(warning.getValue().toString())
                .contains("mailferry.directory.url=ldap://dc1.contoso.com:389")
                .contains("allowed by mailferry.directory.allow-plaintext")
                .contains("mailferry.source.security=NONE")
                .doesNotContain("mailferry.target");
    }

    @Test
    void theDemoAllowsItsPlaintextStandInsAndSaysSo() {
        org.apache.commons.logging.Log log = org.mockito.Mockito.mock(org.apache.commons.logging.Log.class);
        MockEnvironment demo = demo(Map.of(
                "mailferry.source.host", "127.0.0.1",
                "mailferry.source.security", "NONE",
                "mailferry.source.allow-plaintext", "true",
                "mailferry.directory.url", "ldap://127.0.0.1:3389"));

        assertThat(DeploymentProfileCheck.check(demo)).isEmpty();
        new DeploymentProfileCheck(destination -> log).postProcessEnvironment(demo, null);
        org.mockito.Mockito.verify(log).warn(org.mockito.ArgumentMatchers.contains("mailferry.source.security=NONE"));
    }

    @Test
    void aPoolTooSmallForTheJobExecutorIsNamedWithWhatItNeeds() {
        Map<String, String> settings = new java.util.HashMap<>(completeProduction());
        settings.put("camunda.bpm.job-execution.max-pool-size", "10");

        assertThat(DeploymentProfileCheck.check(production(settings)))
                .singleElement()
                .asString()
                .contains("maximum-pool-size=30", "max-pool-size=10", "at least 44");
    }

    @Test
    void theDemoRefusesADatabaseOnAnotherHostButTakesALocalPostgresql() {
        assertThat(DeploymentProfileCheck.check(
                        demo(Map.of("spring.datasource.url", "jdbc:postgresql://db.invalid/mailferry"))))
                .singleElement()
                .asString()
                .startsWith("spring.datasource.url points to db.invalid");
        assertThat(DeploymentProfileCheck.check(demo(Map.of(
                        "spring.datasource.url", "jdbc:postgresql://127.0.0.1:15432/mailferry",
                        "mailferry.secrets.master-key-file", "/tmp/demo.key"))))
                .isEmpty();
        assertThat(DeploymentProfileCheck.check(
                        demo(Map.of("spring.datasource.url", "jdbc:postgresql://127.0.0.1:15432/mailferry"))))
                .singleElement()
                .asString()
                .startsWith("mailferry.secrets.master-key-file is missing")
                .contains("the database at 127.0.0.1");
        assertThat(DeploymentProfileCheck.check(demo(Map.of("spring.datasource.url", "jdbc:h2:mem:mailferry"))))
                .isEmpty();
    }

    @Test
    void aJoiningDemoNodeNeedsTheFirstNodesPostgresql() {
        assertThat(DeploymentProfileCheck.check(demo(Map.of("mailferry.demo.join", "true"))))
                .singleElement()
                .asString()
                .startsWith("mailferry.demo.join=true needs the first demo node's database");
        assertThat(DeploymentProfileCheck.check(demo(Map.of(
                        "mailferry.demo.join", "true",
                        "spring.datasource.url", "jdbc:postgresql://localhost:5432/mailferry",
                        "mailferry.secrets.master-key-file", "/tmp/demo.key"))))
                .isEmpty();
    }

    @Test
    void theDemoRefusesRealServersAndAnOpenAddress() {
        assertThat(DeploymentProfileCheck.check(demo(Map.of(
                        "server.address", "0.0.0.0",
                        "mailferry.source.host", "mail.contoso.com",
                        "mailferry.directory.url", "ldaps://dc1.example.com:636",
                        "mailferry.dns.update.server", "ns1.example.com:53",
                        "mailferry.dns.resolvers", "127.0.0.1:10053,8.8.8.8"))))
                .hasSize(5)
                .anySatisfy(p -> assertThat(p).startsWith("server.address=0.0.0.0"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.source.host=mail.contoso.com"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.directory.url="))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.dns.update.server="))
                .anySatisfy(p -> assertThat(p).contains("8.8.8.8"));
    }

    @Test
    void aDemoWithATenantTalksOnlyToTheRigOnThisMachine() {
        assertThat(DeploymentProfileCheck.check(demo(Map.of(
                        "mailferry.m365.tenant-id", "c0ffee00-0365-4000-8000-00000000d0ec",
                        "mailferry.m365.authority", "https://127.0.0.1:44443/",
                        "mailferry.m365.graph-url", "https://127.0.0.1:44444/v1.0",
                        "mailferry.m365.imap-host", "127.0.0.1"))))
                .isEmpty();
        assertThat(DeploymentProfileCheck.check(demo(Map.of(
                        "mailferry.m365.tenant-id", "contoso.onmicrosoft.com",
                        "mailferry.m365.graph-url", "https://graph.microsoft.com/v1.0",
                        "mailferry.m365.imap-host", "outlook.office365.com"))))
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.m365.authority=(unset: Microsoft's)"))
                .anySatisfy(p -> assertThat(p)
                        .startsWith("mailferry.m365.graph-url=https://graph.microsoft.com/v1.0")
                        .contains("the Microsoft 365 rig on 127.0.0.1 only"))
                .anySatisfy(p -> assertThat(p).startsWith("mailferry.m365.imap-host=outlook.office365.com"));
    }

    @Test
    void demoAndProductionTogetherOrNeitherAreRefused() {
        MockEnvironment both = production(completeProduction());
        both.setActiveProfiles("production", "demo");
        assertThat(DeploymentProfileCheck.check(both))
                .singleElement()
                .asString()
                .contains("cannot be combined");

        MockEnvironment neither = new MockEnvironment();
        neither.setActiveProfiles("staging");
        assertThat(DeploymentProfileCheck.check(neither))
                .singleElement()
                .asString()
                .contains("[staging]");
    }

    @Test
    void jdbcUrlHosts() {
        assertThat(JdbcUrls.host("jdbc:h2:file:./data/mailferry")).isNull();
        assertThat(JdbcUrls.host("jdbc:h2:tcp://db.example.com/mailferry")).isEqualTo("db.example.com");
        assertThat(JdbcUrls.host("jdbc:postgresql://[::1]:5432/mailferry")).isEqualTo("::1");
        assertThat(JdbcUrls.host("jdbc:postgresql://db1:5432,db2:5432/mailferry?ssl=true"))
                .isEqualTo("db1");
    }
}

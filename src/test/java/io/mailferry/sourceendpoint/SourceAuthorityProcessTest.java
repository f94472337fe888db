package io.mailferry.sourceendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailferry.mailbox.ConfiguredEndpoints;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.LoginMode;
import io.mailferry.mailbox.MigrationEndpoint;
import io.mailferry.mailbox.MigrationEndpointService;
import io.mailferry.mailbox.PlaintextEndpoints;
import io.mailferry.mailbox.SourceEndpointProperties;
import io.mailferry.mailbox.TargetEndpointProperties;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.secrets.SecretStore;
import io.mailferry.text.Rendered;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The source steps of a migration, with their real delegates, under attack by whoever can complete their tasks or
 * set their variables (Cockpit, REST): an attacker's host or port for the source server, and the Microsoft 365
 * target's endpoint id as {@code sourceEndpointId}. The configured administrator's password must reach only the
 * configured server, and the target endpoint must stay as configured.
 */
class SourceAuthorityProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .build();

    private static final String PASSWORD = "Adm1n-Pw-source";
    private static final String USER = "user01@contoso.com";

    private ProcessEngine engine;
    private GreenMail exchange;
    private AttackerServer attacker;
    private OwnedMigration owned;
    private MigrationEndpointService endpoints;
    private ConfiguredEndpoints configured;
    private Deployment deployment;

    @BeforeEach
    void setUp(ProcessEngine engine) throws Exception {
        this.engine = engine;
        ProcessTestSupport support = new ProcessTestSupport(engine);
        exchange = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        exchange.start();
        exchange.setUser(USER, USER, PASSWORD);
        attacker = new AttackerServer();

        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        TargetEndpointProperties target = new TargetEndpointProperties(
                "outlook.office365.com",
                993,
                ImapSecurity.TLS,
                "admin@contoso.onmicrosoft.com",
                "Target-Pw-1",
                LoginMode.SHARED_PASSWORD,
                false);
        // the stand-in Exchange speaks plaintext, which this installation allows for its configured source only
        SourceEndpointProperties source = new SourceEndpointProperties(
                "127.0.0.1",
                exchange.getImap().getPort(),
                ImapSecurity.NONE,
                "administrator@contoso.com",
                PASSWORD,
                LoginMode.SHARED_PASSWORD,
                true);
        endpoints = new MigrationEndpointService(jdbc, secrets, new PlaintextEndpoints(source, target));
        configured = new ConfiguredEndpoints(endpoints, secrets, target, source);
        owned = support.migrationsIn(jdbc);
        SourceServers servers = new SourceServers(configured);
        Mocks.register("sourceServerDefaultsListener", new SourceServerDefaultsListener(servers, owned, configured));
        Mocks.register("testSourceServerDelegate", new TestSourceServerDelegate(endpoints, servers, owned));
        Mocks.register("sourceEndpointDefaultsListener", new SourceEndpointDefaultsListener(configured, owned));
        Mocks.register(
                "createMigrationEndpointDelegate",
                new CreateMigrationEndpointDelegate(
                        new SourceEndpointSetup(endpoints, configured),
                        new SourceCredentialCheck(configured, servers),
                        owned,
                        configured));
        Mocks.register("credentialReferenceGuard", new CredentialReferenceGuard(secrets));
        deployment = engine.getRepositoryService()
                .createDeployment()
                .addClasspathResource("processes/PrepareSourceServer.bpmn")
                .addClasspathResource("processes/ConfirmSourcePrepared.form")
                .addClasspathResource("processes/ConnectSourceEndpoint.bpmn")
                .addClasspathResource("processes/EnterMigrationEndpoint.form")
                .addModelInstance("AttackedMigration.bpmn", migration())
                .deploy();
    }

    /** A migration reduced to its two source steps, started as the runbooks start theirs. */
    private static BpmnModelInstance migration() {
        return Bpmn.createExecutableProcess("AttackedMigration")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .camundaExecutionListenerDelegateExpression(
                        ExecutionListener.EVENTNAME_END, "${migrationStartListener}")
                .callActivity("CallActivity_PrepareSourceServer")
                .calledElement("PrepareSourceServer")
                .camundaIn("domain", "domain")
                .callActivity("CallActivity_ConnectSourceEndpoint")
                .calledElement("ConnectSourceEndpoint")
                .camundaIn("testMailbox", "testMailbox")
                .endEvent()
                .done();
    }

    @AfterEach
    void tearDown() throws Exception {
        engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
        exchange.stop();
        attacker.close();
    }

    private void runJobs() {
        engine.getManagementService()
                .createJobQuery()
                .executable()
                .list()
                .forEach(job -> engine.getManagementService().executeJob(job.getId()));
    }

    private static Map<String, Object> checklist(int port) {
        Map<String, Object> answer = new HashMap<>();
        answer.put("sourceHost", "127.0.0.1");
        answer.put("sourcePort", (long) port);
        answer.put("sourceSecurity", "NONE");
        answer.put("imapReachable", true);
        answer.put("trustedCertificate", true);
        return answer;
    }

    @Test
    void anAttackersServerIsNeverConnectedToAndTheTargetEndpointStaysAsConfigured() throws Exception {
        long target = configured.targetEndpointId();
        MigrationEndpoint targetBefore = endpoints.endpoint(target);
        ProcessInstance migration = runtimeService()
                .startProcessInstanceByKey(
                        "AttackedMigration", "contoso.com", Map.of("domain", "contoso.com", "testMailbox", USER));

        // the preparation form names the attacker's port: refused with the reason, not connected to
        complete(
                taskQuery()
                        .taskDefinitionKey(PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED)
                        .singleResult(),
                checklist(attacker.port()));
        runJobs();
        Task again = taskQuery()
                .taskDefinitionKey(PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED)
                .singleResult();
        assertThat(again).as("the checklist comes back").isNotNull();
        assertThat(Rendered.text(
                        (String) runtimeService().getVariable(again.getExecutionId(), "sourceServerTestResult")))
                .contains("This installation migrates from 127.0.0.1:"
                        + exchange.getImap().getPort())
                .contains("127.0.0.1:" + attacker.port() + " (NONE) is not tested");

        // the configured server passes; then the attacker rewrites the variables before the endpoint is created
        complete(again, checklist(exchange.getImap().getPort()));
        runJobs();
        Task endpoint = taskQuery()
                .taskDefinitionKey(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT)
                .singleResult();
        assertThat(endpoint)
                .as("the server is ready, the endpoint is asked for")
                .isNotNull();
        runtimeService().setVariable(endpoint.getProcessInstanceId(), "sourceHost", "127.0.0.1");
        runtimeService().setVariable(endpoint.getProcessInstanceId(), "sourcePort", (long) attacker.port());
        runtimeService().setVariable(endpoint.getProcessInstanceId(), "sourceEndpointId", target);
        complete(endpoint, Map.of("testMailbox", USER));
        runJobs();

        assertThat(attacker.connections())
                .as("connections to the attacker's server")
                .isZero();
        assertThat(attacker.received()).noneMatch(line -> line.contains("LOGIN") || line.contains("AUTHENTICATE"));
        assertThat(migration).isEnded();
        assertThat(endpoints.endpoint(target)).as("the Microsoft 365 target").isEqualTo(targetBefore);
        long created = owned.authority().sourceEndpoint(migration.getId()).orElseThrow();
        assertThat(created).isNotEqualTo(target);
        assertThat(endpoints.endpoint(created).server())
                .as("the endpoint signs in where the preparation step tested, nowhere else")
                .isEqualTo(new ImapServer("127.0.0.1", exchange.getImap().getPort(), ImapSecurity.NONE));
    }

    @Test
    void aSourceEndpointCannotAskForTheMicrosoft365AppsTokenLogin() {
        ProcessInstance migration = runtimeService()
                .startProcessInstanceByKey(
                        "AttackedMigration", "contoso.com", Map.of("domain", "contoso.com", "testMailbox", USER));
        complete(
                taskQuery()
                        .taskDefinitionKey(PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED)
                        .singleResult(),
                checklist(exchange.getImap().getPort()));
        runJobs();
        Task endpoint = taskQuery()
                .taskDefinitionKey(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT)
                .singleResult();

        // XOAUTH2 would sign in to the source with the app's Exchange Online token, which opens every cloud mailbox
        complete(endpoint, Map.of("testMailbox", USER, SourceEndpointVariables.SOURCE_LOGIN_MODE, "XOAUTH2"));
        runJobs();

        Task back = taskQuery()
                .taskDefinitionKey(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT)
                .singleResult();
        assertThat(back).as("the endpoint is asked for again").isNotNull();
        assertThat(Rendered.text((String) runtimeService()
                        .getVariable(back.getExecutionId(), SourceEndpointVariables.ENDPOINT_TEST_RESULT)))
                .contains("must be PROXY or SHARED_PASSWORD, not 'XOAUTH2'");
        assertThat(owned.authority().sourceEndpoint(migration.getId()))
                .as("no endpoint created")
                .isEmpty();
    }
}

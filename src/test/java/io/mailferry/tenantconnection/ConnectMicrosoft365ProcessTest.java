package io.mailferry.tenantconnection;

import static io.mailferry.tenantconnection.ConnectMicrosoft365Ids.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.tenant.ConnectionCheck;
import io.mailferry.tenant.ConnectionSettings;
import io.mailferry.tenant.TenantConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of ConnectMicrosoft365, the step both runbooks take before they touch the tenant: with stand-ins, and
 * with the real delegate and listener over a tenant connection whose checks the test decides.
 */
@Deployment(resources = "processes/ConnectMicrosoft365.bpmn")
class ConnectMicrosoft365ProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private ProcessTestSupport support;
    private OperatorDriver operator;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.tenantConnectionStandIns();
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS, "contoso.com");
    }

    @Test
    void shouldEndWhenEveryCheckPassesAtTheFirstTest() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_CONNECT_MICROSOFT365,
                        TASK_TEST_MICROSOFT365_CONNECTION,
                        GATEWAY_MICROSOFT365_CONNECTED,
                        END_EVENT_MICROSOFT365_CONNECTED);
        assertThat(operator.taskCount).containsEntry(TASK_CONNECT_MICROSOFT365, 1);
    }

    @Test
    void shouldShowTheResultsAndTestAgainUntilEveryCheckPasses() {
        support.outcomes("m365Connected", false, false, true);
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(operator.taskCount).containsEntry(TASK_CONNECT_MICROSOFT365, 3);
        assertThat(support.calls("testTenantConnectionDelegate")).isEqualTo(3);
        assertThat(pi).isEnded();
    }

    @Test
    void shouldTestTheConfiguredConnectionWithTheOperatorsMailboxWhateverTheCompletionClaims() {
        FakeConnection connection = new FakeConnection();
        Mocks.register("tenantConnectionDefaultsListener", new TenantConnectionDefaultsListener(connection));
        Mocks.register("testTenantConnectionDelegate", new TestTenantConnectionDelegate(connection));
        ProcessInstance pi = start();
        support.runDueJobs();

        Map<String, Object> shown = runtimeService().getVariables(pi.getId());
        assertThat(shown)
                .as("the configuration, read-only and inert; the mailbox offered")
                .containsEntry(
                        "m365Tenant", "contoso&#46;onmicrosoft&#46;com &#40;mailferry&#46;m365&#46;tenant&#45;id&#41;")
                .containsEntry("m365InMemory", false)
                .containsEntry("m365TestMailbox", "admin@contoso.com");

        // a completion claiming success, as a REST client could send it: the checks decide, not the variable
        operator.complete(
                operator.task(TASK_CONNECT_MICROSOFT365),
                Map.of("m365TestMailbox", "alice@contoso.com", "m365Connected", true));
        support.runDueJobs();

        assertThat(pi).isWaitingAt(TASK_CONNECT_MICROSOFT365);
        assertThat(connection.mailboxes).containsExactly("alice@contoso.com");
        assertThat(runtimeService().getVariable(pi.getId(), "m365Connected")).isEqualTo(false);
        assertThat((String) runtimeService().getVariable(pi.getId(), "m365CheckResults"))
                .contains("- passed · **Microsoft Graph token**")
                .contains("- **FAILED** · **Sign&#45;in to alice&#64;contoso&#46;com**: ")
                .contains("Add&#45;MailboxPermission")
                .doesNotContain("<b>");

        connection.signInPasses = true;
        operator.complete(operator.task(TASK_CONNECT_MICROSOFT365), Map.of("m365TestMailbox", "alice@contoso.com"));
        support.runDueJobs();

        assertThat(pi).isEnded();
        assertThat(connection.mailboxes).containsExactly("alice@contoso.com", "alice@contoso.com");
    }

    /** Passes its token check, and signs in once the administrator has granted the mailbox. */
    private static final class FakeConnection implements TenantConnection {
        final List<String> mailboxes = new ArrayList<>();
        boolean signInPasses;

        @Override
        public ConnectionSettings settings() {
            return new ConnectionSettings(
                    "contoso.onmicrosoft.com (mailferry.m365.tenant-id)",
                    "00001111-aaaa-2222-bbbb-3333cccc4444",
                    "the certificate in /etc/mailferry/m365.pem",
                    "EXCHANGESTANDARD",
                    false);
        }

        @Override
        public Optional<String> suggestedTestMailbox() {
            return Optional.of("admin@contoso.com");
        }

        @Override
        public List<ConnectionCheck> check(String testMailbox) {
            mailboxes.add(testMailbox);
            return List.of(
                    ConnectionCheck.passed("Microsoft Graph token", "issued"),
                    signInPasses
                            ? ConnectionCheck.passed("Sign-in to " + testMailbox, "opened INBOX")
                            : ConnectionCheck.failed(
                                    "Sign-in to " + testMailbox,
                                    "<b>refused</b>: run Add-MailboxPermission -Identity " + testMailbox
                                            + " -User <app> -AccessRights FullAccess"));
        }
    }
}

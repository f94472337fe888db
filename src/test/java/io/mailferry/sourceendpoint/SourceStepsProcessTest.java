package io.mailferry.sourceendpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.secrets.SecretStore;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the two source-side steps both runbooks call, PrepareSourceServer and ConnectSourceEndpoint, with
 * their delegates as stand-ins and the real guard that keeps passwords out of the variables.
 */
@Deployment(resources = {"processes/PrepareSourceServer.bpmn", "processes/ConnectSourceEndpoint.bpmn"})
class SourceStepsProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final String STORED_CREDENTIAL = "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10";
    private ProcessTestSupport support;
    private OperatorDriver operator;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        SecretStore secrets = mock(SecretStore.class);
        when(secrets.exists(STORED_CREDENTIAL)).thenReturn(true);
        support.sourceStandIns(STORED_CREDENTIAL, secrets, () -> 7L);
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance prepare(String runbook) {
        return runtimeService()
                .startProcessInstanceByKey(
                        PrepareSourceServerIds.PROCESS,
                        "contoso.com",
                        Map.of("domain", "contoso.com", "runbook", runbook));
    }

    private ProcessInstance connect() {
        return runtimeService()
                .startProcessInstanceByKey(
                        ConnectSourceEndpointIds.PROCESS,
                        "contoso.com",
                        Map.of(
                                "domain",
                                "contoso.com",
                                "sourceHost",
                                "mail.contoso.com",
                                "sourcePort",
                                993L,
                                "sourceSecurity",
                                "TLS",
                                "testMailbox",
                                "user01@contoso.com"));
    }

    @Test
    void shouldHandTheConfirmedServerBackOnceItIsReady() {
        operator.answers.put(
                PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED, Map.of("sourceHost", "owa.contoso.com"));
        ProcessInstance pi = prepare("cutover");
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED,
                        PrepareSourceServerIds.TASK_TEST_SOURCE_SERVER,
                        PrepareSourceServerIds.END_EVENT_SOURCE_SERVER_PREPARED);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName("sourceHost")
                        .singleResult()
                        .getValue())
                .isEqualTo("owa.contoso.com");
    }

    @Test
    void shouldReturnToTheChecklistWhenTheServerIsNotReady() {
        support.outcomes("sourceServerReady", false, true);
        ProcessInstance pi = prepare("staged");
        operator.drive(pi, null);

        assertThat(operator.taskCount).containsEntry(PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED, 2);
        assertThat(support.calls("testSourceServerDelegate")).isEqualTo(2);
        assertThat(pi).isEnded();
    }

    @Test
    void shouldCreateTheEndpointAndEndOnceItsTestPasses() {
        ProcessInstance pi = connect();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT,
                        ConnectSourceEndpointIds.TASK_CREATE_AND_TEST_ENDPOINT,
                        ConnectSourceEndpointIds.END_EVENT_SOURCE_CONNECTED);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName("sourceEndpointId")
                        .singleResult()
                        .getValue())
                .isEqualTo(7L);
    }

    @Test
    void shouldLetTheOperatorCorrectTheEndpointAfterAFailedTest() {
        support.outcomes("endpointTestPassed", false, true);
        ProcessInstance pi = connect();
        operator.drive(pi, null);

        assertThat(operator.taskCount).containsEntry(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT, 2);
        assertThat(support.calls("createMigrationEndpointDelegate")).isEqualTo(2);
        assertThat(pi).isEnded();
    }

    @Test
    void shouldRefuseAPasswordTypedIntoThePasswordReferenceAndStoreNothing() {
        ProcessInstance pi = connect();
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);
        Task endpoint = operator.task(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThatThrownBy(() -> operator.complete(endpoint, Map.of("sourceCredentialRef", "Winter2026!")))
                .hasMessageContaining("never the password itself")
                .hasMessageNotContaining("Winter2026!");
        assertThat(pi).isWaitingAt(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);
        assertThat(historyService()
                        .createHistoricDetailQuery()
                        .variableUpdates()
                        .list())
                .noneMatch(d -> "Winter2026!".equals(((HistoricVariableUpdate) d).getValue()));
        assertThat(runtimeService().getVariable(pi.getId(), "sourceCredentialRef"))
                .isEqualTo(STORED_CREDENTIAL);
    }

    @Test
    void shouldRefuseAReferenceToNoStoredCredential() {
        ProcessInstance pi = connect();
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);
        Task endpoint = operator.task(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThatThrownBy(() -> operator.complete(
                        endpoint, Map.of("sourceCredentialRef", "secret:00000000-0000-0000-0000-000000000000")))
                .hasMessageContaining("names no stored credential");
        assertThat(pi).isWaitingAt(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);
    }
}

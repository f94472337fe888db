package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.EndpointTaskEngine;
import io.mailferry.sourceendpoint.SourceEndpointVariables;
import io.mailferry.taskforms.FormBoundTasksPlugin;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An operator gives the source's password by reference on the endpoint form; the migration needs the reference while
 * it runs, the history (kept for its time to live, readable by every operator) never gets it. The form's other fields
 * are recorded as usual.
 */
class ReferenceFreeHistoryPluginTest {
    private static final String REFERENCE = "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10";
    private ProcessEngine engine;

    @BeforeEach
    void setUp() {
        engine = EndpointTaskEngine.start(
                "reference-free", new FormBoundTasksPlugin(), new ReferenceFreeHistoryPlugin());
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        engine.close();
    }

    @Test
    void theReferenceIsAVariableWhileTheMigrationRunsButNeverHistory() {
        ProcessInstance pi = engine.getRuntimeService()
                .startProcessInstanceByKey(ConnectSourceEndpointIds.PROCESS, "contoso.com", Map.of());
        Task task = engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .singleResult();

        engine.getFormService()
                .submitTaskForm(
                        task.getId(),
                        Map.of(
                                "useConfiguredAdministrator",
                                false,
                                "sourceAdminUser",
                                "administrator@contoso.com",
                                SourceEndpointVariables.SOURCE_CREDENTIAL_REF,
                                REFERENCE,
                                "sourceLoginMode",
                                "PROXY",
                                "testMailbox",
                                "user01@contoso.com"));
        engine.getRuntimeService()
                .setVariable(pi.getId(), SourceEndpointVariables.SOURCE_CREDENTIAL_REF, REFERENCE + "-changed");

        assertThat(engine.getRuntimeService().getVariable(pi.getId(), SourceEndpointVariables.SOURCE_CREDENTIAL_REF))
                .isEqualTo(REFERENCE + "-changed");
        HistoryService history = engine.getHistoryService();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName(SourceEndpointVariables.SOURCE_CREDENTIAL_REF)
                        .count())
                .isZero();
        assertThat(history.createHistoricDetailQuery()
                        .processInstanceId(pi.getId())
                        .list())
                .as("variable updates and form fields in the history")
                .isNotEmpty()
                .allSatisfy(detail -> assertThat(detail.toString()).doesNotContain(REFERENCE));
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName("sourceAdminUser")
                        .singleResult()
                        .getValue())
                .isEqualTo("administrator@contoso.com");

        engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test ends");
        assertThat(history.createHistoricProcessInstanceQuery()
                        .processInstanceId(pi.getId())
                        .singleResult()
                        .getDeleteReason())
                .as("deleting the instance (and its reference variable) goes through the filtered handler")
                .isEqualTo("test ends");
    }
}

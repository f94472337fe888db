package io.mailferry.taskforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.EndpointTaskEngine;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The door an operator has to every process variable: a task completion. With the plugin, an engine refuses a
 * completion that names a variable the task's Camunda Form does not declare — the endpoint task with
 * {@code sourceEndpointId}, the MX task with {@code mxTargetHost} — and saves nothing; the form's own fields pass.
 */
class FormBoundTasksPluginTest {
    private ProcessEngine engine;

    @BeforeEach
    void setUp() {
        engine = EndpointTaskEngine.start("form-bound", new FormBoundTasksPlugin());
    }

    @AfterEach
    void tearDown() {
        Mocks.reset();
        engine.close();
    }

    private Task endpointTask() {
        ProcessInstance pi = engine.getRuntimeService()
                .startProcessInstanceByKey(ConnectSourceEndpointIds.PROCESS, "contoso.com", Map.of());
        assertThat(pi).isWaitingAt(ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);
        return engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(pi.getId())
                .singleResult();
    }

    private static Map<String, Object> form() {
        return Map.of(
                "sourceAdminUser", "administrator@contoso.com",
                "sourceCredentialRef", "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10",
                "sourceLoginMode", "PROXY",
                "testMailbox", "user01@contoso.com");
    }

    @Test
    void aCompletionWithTheTargetsEndpointIdIsRefusedNamingTheVariableAndTheTask() {
        Task task = endpointTask();
        Map<String, Object> attack = new java.util.HashMap<>(form());
        attack.put("sourceEndpointId", 1L);

        assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), attack))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("\"Enter the migration endpoint\" (Task_EnterMigrationEndpoint)")
                .hasMessageContaining("does not declare the variable sourceEndpointId")
                .hasMessageContaining("sourceAdminUser, sourceCredentialRef, sourceLoginMode, testMailbox")
                .hasMessageContaining("nothing was saved");
        assertThatThrownBy(() -> engine.getFormService().submitTaskForm(task.getId(), attack))
                .isInstanceOf(AuthorizationException.class);

        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskId(task.getId())
                        .count())
                .as("the task is still open")
                .isEqualTo(1);
        assertThat(engine.getRuntimeService().getVariable(task.getExecutionId(), "sourceEndpointId"))
                .isNull();
    }

    @Test
    void settingAnUndeclaredVariableThroughTheTaskIsRefusedToo() {
        Task task = endpointTask();

        assertThatThrownBy(
                        () -> engine.getTaskService().setVariable(task.getId(), "mxTargetHost", "mx.attacker.example"))
                .isInstanceOf(AuthorizationException.class)
                .hasMessageContaining("mxTargetHost");
        assertThatThrownBy(
                        () -> engine.getTaskService().setVariablesLocal(task.getId(), Map.of("sourceEndpointId", 1L)))
                .isInstanceOf(AuthorizationException.class);
        assertThat(engine.getRuntimeService().getVariables(task.getExecutionId()))
                .doesNotContainKeys("mxTargetHost", "sourceEndpointId");
    }

    @Test
    void theFormsOwnFieldsAreAccepted() {
        Task task = endpointTask();

        engine.getFormService().submitTaskForm(task.getId(), form());

        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskId(task.getId())
                        .count())
                .isZero();
        assertThat(engine.getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceId(task.getProcessInstanceId())
                        .singleResult())
                .as("waits before creating the endpoint (asynchronous), with the form's values")
                .isNotNull();
    }
}

package io.mailferry.taskforms;

import java.util.Collection;
import java.util.Map;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's task service, except that every call that sets variables through a task — completing it, resolving it,
 * answering it with a BPMN error or escalation, or setting its variables — may set only what its form declares.
 */
class FormBoundTaskService extends TaskServiceImpl {
    private final DeclaredVariables declared;

    FormBoundTaskService(DeclaredVariables declared) {
        this.declared = declared;
    }

    private void check(String taskId, Map<String, ?> variables) {
        declared.check(getCommandExecutor(), taskId, variables);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        check(taskId, variables);
        super.complete(taskId, variables);
    }

    @Override
    public VariableMap completeWithVariablesInReturn(
            String taskId, Map<String, Object> variables, boolean deserializeValues) {
        check(taskId, variables);
        return super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        check(taskId, variables);
        super.resolveTask(taskId, variables);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        check(taskId, variables);
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        check(taskId, variables);
        super.handleEscalation(taskId, escalationCode, variables);
    }

    /** Also setVariable, setVariables and their Local forms, which all come here. */
    @Override
    protected void setVariables(String taskId, Map<String, ? extends Object> variables, boolean local) {
        check(taskId, variables);
        super.setVariables(taskId, variables, local);
    }

    @Override
    protected void updateVariables(
            String taskId, Map<String, ? extends Object> modifications, Collection<String> deletions, boolean local) {
        check(taskId, modifications);
        super.updateVariables(taskId, modifications, deletions, local);
    }
}

package io.mailferry.taskforms;

import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * Camunda's form service, except that submitting a task's form may set only the variables that form declares, and no
 * form — a start form neither — may carry a stored password in a field.
 */
class FormBoundFormService extends FormServiceImpl {
    private final DeclaredVariables declared;

    FormBoundFormService(DeclaredVariables declared) {
        this.declared = declared;
    }

    private void check(String taskId, Map<String, ?> variables) {
        declared.check(getCommandExecutor(), taskId, variables);
    }

    @Override
    public ProcessInstance submitStartForm(String processDefinitionId, Map<String, Object> properties) {
        declared.checkStart(properties);
        return super.submitStartForm(processDefinitionId, properties);
    }

    @Override
    public ProcessInstance submitStartForm(
            String processDefinitionId, String businessKey, Map<String, Object> properties) {
        declared.checkStart(properties);
        return super.submitStartForm(processDefinitionId, businessKey, properties);
    }

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        check(taskId, properties);
        super.submitTaskForm(taskId, properties);
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(
            String taskId, Map<String, Object> properties, boolean deserializeValues) {
        check(taskId, properties);
        return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
    }

    @Override
    public void submitTaskFormData(String taskId, Map<String, String> properties) {
        check(taskId, properties);
        super.submitTaskFormData(taskId, properties);
    }
}

package io.mailferry.taskforms;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** Camunda's form service, except that submitting a task's form may set only the variables that form declares. */
class FormBoundFormService extends FormServiceImpl {
    private final DeclaredVariables declared;

    FormBoundFormService(DeclaredVariables declared) {
        this.declared = declared;
    }

    private void check(String taskId, Map<String, ?> variables) {
        declared.check(getCommandExecutor(), taskId, variables == null ? List.of() : variables.keySet());
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

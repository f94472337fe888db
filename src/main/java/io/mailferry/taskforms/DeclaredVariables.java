package io.mailferry.taskforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.form.FormField;
import org.camunda.bpm.engine.form.TaskFormData;
import org.camunda.bpm.engine.impl.GetDeployedTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;

/**
 * The variables a user task's form declares — the {@code key} of every field of its deployed Camunda Form, and the
 * fields of a generated form — and the check that a completion names no other. Read from the deployment the task's
 * process came with, once per task definition.
 */
final class DeclaredVariables {
    private final ObjectMapper json = new ObjectMapper();
    private final SecretValues secrets;
    /** Per process definition and task definition key: the form is bound to the deployment, so it never changes. */
    private final Map<String, Set<String>> byTaskDefinition = new ConcurrentHashMap<>();

    DeclaredVariables(SecretValues secrets) {
        this.secrets = secrets;
    }

    /**
     * Refuses (AuthorizationException, so REST answers 403) when {@code variables} holds one the task's form does not
     * declare, and (FormFieldValidationException, 400) when a value is a stored password; a task that does not exist is
     * left to the command that follows, which reports it as usual.
     */
    void check(CommandExecutor executor, String taskId, Map<String, ?> variables) {
        if (taskId == null || variables == null || variables.isEmpty()) {
            return;
        }
        executor.execute(context -> {
            context.runWithoutAuthorization(() -> {
                check(context, taskId, variables);
                return null;
            });
            return null;
        });
    }

    /** For a process's start form, which has no task: only the check for stored passwords. */
    void checkStart(Map<String, ?> variables) {
        secrets.refuseSecrets("the start form", variables);
    }

    private void check(CommandContext context, String taskId, Map<String, ?> variables) {
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null) {
            return;
        }
        Collection<String> names = variables.keySet();
        Set<String> declared = byTaskDefinition.computeIfAbsent(
                task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(), key -> declared(context, taskId));
        Set<String> undeclared =
                names.stream().filter(n -> !declared.contains(n)).collect(Collectors.toCollection(TreeSet::new));
        if (!undeclared.isEmpty()) {
            throw new UndeclaredVariableException(describe(task), undeclared, declared);
        }
        secrets.refuseSecrets("task " + describe(task), variables);
    }

    private Set<String> declared(CommandContext context, String taskId) {
        TreeSet<String> names = new TreeSet<>();
        TaskFormData form = new GetTaskFormCmd(taskId).execute(context);
        for (FormField field : form.getFormFields()) {
            names.add(field.getId());
        }
        if (form.getCamundaFormRef() != null) {
            try (InputStream deployed = new GetDeployedTaskFormCmd(taskId).execute(context)) {
                collectKeys(json.readTree(deployed).path("components"), names);
            } catch (IOException e) {
                throw new IllegalStateException("The Camunda Form of task " + taskId + " cannot be read", e);
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    /** Every keyed field, also inside groups; text and other display-only components have no key. */
    private static void collectKeys(JsonNode components, Set<String> names) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                names.add(component.get("key").asText());
            }
            collectKeys(component.path("components"), names);
        }
    }

    private static String describe(TaskEntity task) {
        String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
        return "\"" + name + "\" (" + task.getTaskDefinitionKey() + ")";
    }

    /** The refusal: which variables, which task, and what its form does declare. */
    static class UndeclaredVariableException extends AuthorizationException {
        UndeclaredVariableException(String task, Set<String> undeclared, Set<String> declared) {
            super("Task " + task + " does not declare " + (undeclared.size() == 1 ? "the variable " : "the variables ")
                    + String.join(", ", undeclared) + ": a completion may set only the fields of the task's form ("
                    + (declared.isEmpty() ? "it has none" : String.join(", ", declared)) + "); nothing was saved");
        }
    }
}

package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.Error;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between models, forms and Java, one model at a time: every variable a model reads — in a condition,
 * a timer, a mapping, a form's template or condition, a delegate or listener — is written by something of that
 * model (a delegate or listener, a form field, an in-mapping from its caller, a message that reaches it, a start
 * form), and every variable it writes is read there, handed back to its caller, or marked {@link Recorded} for the
 * history. Every name is a constant of a {@code …Variables} class, and Java never spells one as a literal. A renamed
 * variable thus fails the build instead of rendering a blank form field or sending a gateway down its default flow.
 */
class VariableContractTest {
    private static VariableUses names;
    private static final Map<String, BpmnModelInstance> MODELS = new HashMap<>();
    private static final Pattern CORRELATION =
            Pattern.compile("createMessageCorrelation\\(([^)]*)\\)([^;]*);", Pattern.DOTALL);

    @BeforeAll
    static void readSources() throws Exception {
        names = new VariableUses();
        for (Path model : models().toList()) {
            try (InputStream in = Files.newInputStream(model)) {
                MODELS.put(model.getFileName().toString(), Bpmn.readModelFromStream(in));
            }
        }
    }

    static Stream<Path> models() throws Exception {
        return Files.list(Path.of("processes"))
                .filter(p -> p.toString().endsWith(".bpmn"))
                .sorted();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyVariableAModelReadsIsWrittenThere(Path model) throws Exception {
        VariableUses.Uses uses = usesOf(model);
        List<String> problems = new ArrayList<>();
        uses.reads.forEach((name, where) -> {
            if (!uses.writes.containsKey(name)) {
                problems.add(name + " is read by " + where + " but nothing in " + model.getFileName() + " writes it");
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyVariableAModelWritesIsReadThereOrRecorded(Path model) throws Exception {
        VariableUses.Uses uses = usesOf(model);
        List<String> problems = new ArrayList<>();
        uses.writes.forEach((name, where) -> {
            if (!uses.reads.containsKey(name) && !names.recorded.contains(name)) {
                problems.add(name + " is written by " + where + " but nothing in " + model.getFileName()
                        + " reads it (mark it @Recorded if it is kept for the history)");
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyVariableIsNamedByAConstant(Path model) throws Exception {
        VariableUses.Uses uses = usesOf(model);
        List<String> unnamed = new ArrayList<>();
        uses.reads.keySet().stream()
                .filter(n -> !names.constants.containsValue(n))
                .forEach(unnamed::add);
        uses.writes.keySet().stream()
                .filter(n -> !names.constants.containsValue(n))
                .forEach(unnamed::add);
        assertThat(unnamed)
                .as("variables without a constant in a …Variables class")
                .isEmpty();
    }

    @Test
    void javaNeverSpellsAVariableNameAsALiteral() throws Exception {
        List<String> literals = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String[] lines = Files.readString(source).split("\n");
                for (int i = 0; i < lines.length; i++) {
                    if (VariableUses.LITERAL_NAME_IN_CALL.matcher(lines[i]).find()) {
                        literals.add(source.getFileName() + ":" + (i + 1) + ": " + lines[i].trim());
                    }
                }
            }
        }
        assertThat(literals).isEmpty();
    }

    /** Everything the model (and the Java behind it, and its callers' mappings) reads and writes. */
    private static VariableUses.Uses usesOf(Path model) throws Exception {
        BpmnModelInstance instance = MODELS.get(model.getFileName().toString());
        String processId =
                instance.getModelElementsByType(Process.class).iterator().next().getId();
        VariableUses.Uses uses = new VariableUses.Uses();
        calledFromCallers(processId, uses);
        for (CallActivity call : instance.getModelElementsByType(CallActivity.class)) {
            String where = call.getId() + " mapping";
            for (CamundaIn in : call.getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaIn.class)
                    .list()) {
                if (in.getCamundaSource() != null) {
                    uses.read(in.getCamundaSource(), where);
                }
                names.juel(in.getCamundaSourceExpression(), where, uses);
            }
            for (CamundaOut out : call.getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaOut.class)
                    .list()) {
                uses.write(out.getCamundaTarget(), where);
            }
        }
        for (UserTask task : instance.getModelElementsByType(UserTask.class)) {
            form(task, uses);
        }
        for (StartEvent start : instance.getModelElementsByType(StartEvent.class)) {
            form(start, uses);
        }
        instance.getModelElementsByType(ConditionExpression.class)
                .forEach(c -> names.juel(c.getTextContent(), id(c) + " condition", uses));
        for (TimerEventDefinition timer : instance.getModelElementsByType(TimerEventDefinition.class)) {
            String text = timer.getTimeDuration() != null
                    ? timer.getTimeDuration().getTextContent()
                    : timer.getTimeDate().getTextContent();
            names.juel(text, id(timer) + " timer", uses);
        }
        for (MultiInstanceLoopCharacteristics loop :
                instance.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
            names.juel(loop.getCamundaCollection(), id(loop) + " collection", uses);
            uses.write(loop.getCamundaElementVariable(), id(loop) + " element variable");
        }
        for (CamundaInputParameter input : instance.getModelElementsByType(CamundaInputParameter.class)) {
            uses.write(input.getCamundaName(), id(input) + " input");
            names.juel(input.getTextContent(), id(input) + " input", uses);
        }
        for (Error error : instance.getModelElementsByType(Error.class)) {
            names.juel(error.getCamundaErrorMessage(), error.getId(), uses);
        }
        for (ErrorEventDefinition error : instance.getModelElementsByType(ErrorEventDefinition.class)) {
            if (error.getCamundaErrorMessageVariable() != null) {
                uses.write(error.getCamundaErrorMessageVariable(), id(error));
            }
        }
        for (CamundaExecutionListener listener : instance.getModelElementsByType(CamundaExecutionListener.class)) {
            names.juel(listener.getCamundaExpression(), id(listener) + " listener", uses);
            bean(listener.getCamundaDelegateExpression(), uses);
        }
        for (CamundaTaskListener listener : instance.getModelElementsByType(CamundaTaskListener.class)) {
            bean(listener.getCamundaDelegateExpression(), uses);
        }
        instance.getModelElementsByType(ServiceTask.class).forEach(t -> bean(t.getCamundaDelegateExpression(), uses));
        messagesReceived(instance, uses);
        return uses;
    }

    /** In-mappings of the callers write into this process; their out-mappings read from it. */
    private static void calledFromCallers(String processId, VariableUses.Uses uses) {
        MODELS.forEach((file, caller) -> {
            for (CallActivity call : caller.getModelElementsByType(CallActivity.class)) {
                if (!processId.equals(call.getCalledElement())) {
                    continue;
                }
                String where = file + " " + call.getId() + " mapping";
                call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                        .filter(in -> in.getCamundaTarget() != null)
                        .forEach(in -> uses.write(in.getCamundaTarget(), where));
                call.getExtensionElements()
                        .getElementsQuery()
                        .filterByType(CamundaOut.class)
                        .list()
                        .forEach(out -> uses.read(out.getCamundaSource(), where));
            }
        });
    }

    /** Variables a message correlation in Java sets travel into the process that catches the message. */
    private static void messagesReceived(BpmnModelInstance instance, VariableUses.Uses uses) throws Exception {
        List<String> caught = instance.getModelElementsByType(MessageEventDefinition.class).stream()
                .map(m -> m.getMessage().getName())
                .toList();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher correlation = CORRELATION.matcher(Files.readString(source));
                while (correlation.find()) {
                    String message = messageName(correlation.group(1));
                    if (!caught.contains(message)) {
                        continue;
                    }
                    Matcher set = Pattern.compile("\\.setVariable\\((\\w+)").matcher(correlation.group(2));
                    while (set.find()) {
                        String name = names.constants.get(set.group(1));
                        uses.write(
                                name == null ? set.group(1) : name,
                                "message " + message + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
    }

    /** {@code StagedMigrationIds.MESSAGE_BATCH_MIGRATED} → the message's name, read from the ids class. */
    private static String messageName(String constant) throws Exception {
        String[] parts = constant.trim().split("\\.");
        String field = parts[parts.length - 1];
        for (String pkg : List.of("cutover", "staged", "mailboxmigration", "mailrouting")) {
            for (String cls : List.of(
                    "CutoverMigrationIds",
                    "StagedMigrationIds",
                    "StagedMigrationBatchIds",
                    "MailboxMigrationIds",
                    "VerifyMailRoutingIds")) {
                if (parts.length > 1 && !parts[parts.length - 2].equals(cls)) {
                    continue;
                }
                try {
                    return (String) Class.forName("io.mailferry." + pkg + "." + cls)
                            .getField(field)
                            .get(null);
                } catch (ClassNotFoundException | NoSuchFieldException notHere) {
                    // try the next ids class
                }
            }
        }
        throw new IllegalStateException("Unknown message constant " + constant);
    }

    private static void bean(String expression, VariableUses.Uses uses) {
        if (expression != null) {
            names.java(expression.replaceAll("^\\$\\{|}$", ""), uses);
        }
    }

    private static void form(ModelElementInstance element, VariableUses.Uses uses) throws Exception {
        String formRef = element.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
        if (formRef != null) {
            names.form(Path.of("processes", formRef.substring("Form_".length()) + ".form"), uses);
        }
    }

    private static String id(ModelElementInstance element) {
        ModelElementInstance e = element;
        while (e != null && e.getAttributeValue("id") == null) {
            e = e.getParentElement();
        }
        return e == null ? "?" : e.getAttributeValue("id");
    }
}

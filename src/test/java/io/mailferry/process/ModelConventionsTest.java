package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The models are for people: checks, with the Camunda BPMN model API, the conventions every model in processes/
 * keeps — ids per STYLE.md, a name on every element, a form and the operators' group on every user task, service
 * tasks async with a deliberate retry cycle, every wait a configured timer — and that what a model names exists: its
 * delegates and listeners as Spring beans, the processes it calls as models of the folder. Shared runbook steps are
 * models of their own, called by both migrations: only the migrations themselves are offered in Tasklist, and the
 * two migrations share no flow node but their call activities into the shared steps.
 */
class ModelConventionsTest {
    static Stream<Path> models() throws Exception {
        return Files.list(Path.of("processes"))
                .filter(p -> p.toString().endsWith(".bpmn"))
                .sorted();
    }

    private static BpmnModelInstance read(Path model) throws Exception {
        try (InputStream in = Files.newInputStream(model)) {
            return Bpmn.readModelFromStream(in);
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void processIdMatchesTheFileNameAndKeepsHistoryBounded(Path model) throws Exception {
        Process process =
                read(model).getModelElementsByType(Process.class).iterator().next();
        assertThat(model.getFileName().toString()).isEqualTo(process.getId() + ".bpmn");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(process.getName()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyElementHasAReadableNameAndAnIdThatSaysWhatItIs(Path model) throws Exception {
        List<String> problems = new ArrayList<>();
        for (FlowElement element : read(model).getModelElementsByType(FlowElement.class)) {
            String id = element.getId();
            if (!id.matches(
                    "(StartEvent|EndEvent|Task|Gateway|TimerEvent|MessageEvent|BoundaryEvent|CallActivity|SubProcess|SequenceFlow)_[A-Z][A-Za-z0-9]+")) {
                problems.add(id + ": id does not follow STYLE.md");
            }
            if (id.matches(".*_\\d+$") || id.matches(".*_[0-9a-z]{7}$")) {
                problems.add(id + ": generated id");
            }
            if (element instanceof FlowNode
                    && (element.getName() == null || element.getName().isBlank())) {
                problems.add(id + ": no name");
            }
        }
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyUserTaskHasADeployedFormAndTheOperatorsGroup(Path model) throws Exception {
        for (UserTask task : read(model).getModelElementsByType(UserTask.class)) {
            assertThat(task.getCamundaCandidateGroups()).as(task.getId()).isEqualTo("migration-operators");
            String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
            assertThat(formRef).as(task.getId() + " formRef").startsWith("Form_");
            Path form = Path.of("processes", formRef.substring("Form_".length()) + ".form");
            assertThat(form).as(task.getId() + " form file").exists();
            assertThat(Files.readString(form)).contains("\"id\": \"" + formRef + "\"");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyServiceTaskIsAsyncWithADeliberateRetryCycle(Path model) throws Exception {
        for (ServiceTask task : read(model).getModelElementsByType(ServiceTask.class)) {
            assertThat(task.isCamundaAsyncBefore()).as(task.getId() + " async").isTrue();
            assertThat(task.getCamundaDelegateExpression()).as(task.getId()).matches("\\$\\{[a-z][A-Za-z]+Delegate}");
            var cycles = task.getExtensionElements()
                    .getElementsQuery()
                    .filterByType(CamundaFailedJobRetryTimeCycle.class)
                    .list();
            assertThat(cycles).as(task.getId() + " retry cycle").hasSize(1);
            assertThat(cycles.get(0).getTextContent()).matches("R\\d+/PT\\d+[MS]");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyWaitIsAConfiguredTimer(Path model) throws Exception {
        for (TimerEventDefinition timer : read(model).getModelElementsByType(TimerEventDefinition.class)) {
            String expression = timer.getTimeDuration() != null
                    ? timer.getTimeDuration().getTextContent()
                    : timer.getTimeDate().getTextContent();
            assertThat(expression)
                    .as(timer.getParentElement().getAttributeValue("id"))
                    .matches("\\$\\{(migrationTimers\\.\\w+|licence\\w+At)}");
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyGatewayBranchSaysWhyItIsTaken(Path model) throws Exception {
        for (SequenceFlow flow : read(model).getModelElementsByType(SequenceFlow.class)) {
            if (flow.getSource().getOutgoing().size() > 1
                    && !(flow.getSource() instanceof ParallelGateway)
                    && !(flow.getSource() instanceof EventBasedGateway)) {
                assertThat(flow.getName()).as(flow.getId() + " label").isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyDelegateAndListenerTheModelNamesIsASpringBean(Path model) throws Exception {
        BpmnModelInstance instance = read(model);
        List<String> expressions = new ArrayList<>();
        instance.getModelElementsByType(ServiceTask.class)
                .forEach(t -> expressions.add(t.getCamundaDelegateExpression()));
        instance.getModelElementsByType(CamundaExecutionListener.class)
                .forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
        instance.getModelElementsByType(CamundaTaskListener.class)
                .forEach(l -> expressions.add(l.getCamundaDelegateExpression()));
        Set<String> beans = springBeanNames();
        expressions.stream()
                .filter(Objects::nonNull)
                .map(e -> e.replaceAll("^\\$\\{|}$", ""))
                .forEach(name -> assertThat(beans)
                        .as(model.getFileName() + " names ${" + name + "}")
                        .contains(name));
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyCalledProcessIsAModelOfTheFolder(Path model) throws Exception {
        for (CallActivity call : read(model).getModelElementsByType(CallActivity.class)) {
            assertThat(Path.of("processes", call.getCalledElement() + ".bpmn"))
                    .as(call.getId())
                    .exists();
        }
    }

    /**
     * A process that a multi-instance call activity starts several times ends in its own job that is retried within
     * seconds: instances ending together all update the caller's multi-instance body, and all but one meet an
     * optimistic lock. Ending in the job before — a sync slice, a batch deletion with a retry cycle of minutes —
     * would repeat that work, or hold the caller up for minutes.
     */
    @ParameterizedTest
    @MethodSource("models")
    void aProcessCalledForSeveralInstancesEndsInItsOwnShortJob(Path model) throws Exception {
        Set<String> calledSeveralTimes = new HashSet<>();
        for (Path caller : models().toList()) {
            read(caller).getModelElementsByType(CallActivity.class).stream()
                    .filter(call -> call.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics)
                    .forEach(call -> calledSeveralTimes.add(call.getCalledElement()));
        }
        BpmnModelInstance instance = read(model);
        Process process =
                instance.getModelElementsByType(Process.class).iterator().next();
        if (!calledSeveralTimes.contains(process.getId())) {
            return;
        }
        for (EndEvent end : instance.getModelElementsByType(EndEvent.class)) {
            if (end.getParentElement() != process) {
                continue; // ends a sub-process, not the instance
            }
            assertThat(end.isCamundaAsyncBefore()).as(end.getId() + " async").isTrue();
            var cycles = end.getExtensionElements() == null
                    ? List.<CamundaFailedJobRetryTimeCycle>of()
                    : end.getExtensionElements()
                            .getElementsQuery()
                            .filterByType(CamundaFailedJobRetryTimeCycle.class)
                            .list();
            assertThat(cycles)
                    .as(end.getId() + " retry cycle")
                    .singleElement()
                    .satisfies(cycle -> assertThat(cycle.getTextContent()).matches("R\\d+/PT\\d+S"));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyListenerIsNamedAsAListenerOrAGuard(Path model) throws Exception {
        BpmnModelInstance instance = read(model);
        List<String> listeners = new ArrayList<>();
        instance.getModelElementsByType(CamundaExecutionListener.class).stream()
                .map(CamundaExecutionListener::getCamundaDelegateExpression)
                .forEach(listeners::add);
        instance.getModelElementsByType(CamundaTaskListener.class).stream()
                .map(CamundaTaskListener::getCamundaDelegateExpression)
                .forEach(listeners::add);
        assertThat(listeners.stream().filter(Objects::nonNull))
                .allSatisfy(l -> assertThat(l).matches("\\$\\{[a-z][A-Za-z]+(Listener|Guard)}"));
    }

    /**
     * Tasklist's "Start process" offers what an operator may start: the two migrations, not the steps and mailboxes
     * they call, which would run without the migration that owns them.
     */
    @ParameterizedTest
    @MethodSource("models")
    void onlyProcessesNobodyCallsAreStartableInTasklist(Path model) throws Exception {
        Set<String> called = new HashSet<>();
        for (Path caller : models().toList()) {
            read(caller).getModelElementsByType(CallActivity.class).forEach(c -> called.add(c.getCalledElement()));
        }
        Process process =
                read(model).getModelElementsByType(Process.class).iterator().next();
        if (called.contains(process.getId())) {
            assertThat(process.isCamundaStartableInTasklist())
                    .as(process.getId() + " is called: not startable")
                    .isFalse();
        } else {
            assertThat(process.isCamundaStartableInTasklist())
                    .as(process.getId() + " startable")
                    .isTrue();
            assertThat(process.getCamundaCandidateStarterGroups()).isEqualTo("migration-operators");
        }
    }

    /** Tasklist and the drivers find a migration's tasks by its business key, so every called instance carries it. */
    @ParameterizedTest
    @MethodSource("models")
    void everyCallActivityPassesTheBusinessKey(Path model) throws Exception {
        for (CallActivity call : read(model).getModelElementsByType(CallActivity.class)) {
            assertThat(call.getExtensionElements()
                            .getElementsQuery()
                            .filterByType(CamundaIn.class)
                            .list())
                    .as(call.getId())
                    .anySatisfy(
                            in -> assertThat(in.getCamundaBusinessKey()).isEqualTo("#{execution.processBusinessKey}"));
        }
    }

    /**
     * A step both runbooks take exists once, as a model of its own: apart from start and end events and the call
     * activities into the shared steps, no flow node of one migration is a copy of one in the other.
     */
    @Test
    void theTwoMigrationsShareStepsOnlyThroughCalledModels() throws Exception {
        Set<String> cutover = flowNodeIds(read(Path.of("processes/CutoverMigration.bpmn")));
        Set<String> staged = flowNodeIds(read(Path.of("processes/StagedMigration.bpmn")));
        cutover.retainAll(staged);
        assertThat(cutover).allMatch(id -> id.matches("(StartEvent|EndEvent|CallActivity)_\\w+"));
    }

    private static Set<String> flowNodeIds(BpmnModelInstance instance) {
        Set<String> ids = new HashSet<>();
        instance.getModelElementsByType(FlowNode.class).forEach(n -> ids.add(n.getId()));
        return ids;
    }

    /** {@code @Component("name")} classes and {@code @Bean} methods of the application. */
    private static Set<String> springBeanNames() throws Exception {
        Pattern component = Pattern.compile("@Component\\(\"(\\w+)\"\\)");
        Pattern bean = Pattern.compile("@Bean\\s+(?:public\\s+)?\\w+\\s+(\\w+)\\(");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            return sources.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> {
                        try {
                            String source = Files.readString(p);
                            return Stream.concat(
                                            component.matcher(source).results(),
                                            bean.matcher(source).results())
                                    .map(r -> r.group(1));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .collect(Collectors.toSet());
        }
    }
}

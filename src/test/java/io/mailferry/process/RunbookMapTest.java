package io.mailferry.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/runbook-map.md names BPMN ids, delegate beans and service methods; this test keeps those names true. It reads
 * the map, the models and forms in processes/ and the sources in src/main/java as text (no Spring context, no
 * engine) and fails, naming the line of the map, when a backticked
 * <ul>
 *   <li>BPMN-like id ({@code Task_…}, {@code CallActivity_…}, {@code Form_…}, {@code Err_…}: prefix_CamelCase) is no
 *       id (or error code) of a model and no form id in processes/;</li>
 *   <li>bean name ending in Delegate, Listener, Guard or Guards is no {@code @Component("name")} and no
 *       {@code @Bean} method in src/main/java;</li>
 *   <li>{@code ClassName.method} (or {@code ClassName.m1/m2}, arguments ignored) names a class that src/main/java does
 *       not declare, or a method the class does not declare;</li>
 *   <li>{@code …Ids} or {@code …Variables} class (the intro's pointers) does not exist;</li>
 * </ul>
 * and when a model that a call activity calls (processes/X.bpmn) has no {@code ## } heading that names X.
 */
class RunbookMapTest {
    private static final Path MAP = Path.of("docs", "runbook-map.md");
    private static final Path PROCESSES = Path.of("processes");
    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    private static MapChecker checker;

    @BeforeAll
    static void readTheTree() {
        checker = MapChecker.of(PROCESSES, MAIN_SOURCES);
    }

    @Test
    void everyIdBeanAndMethodTheMapNamesExists() {
        MapChecker mapChecker = MapChecker.of(PROCESSES, MAIN_SOURCES);
        List<String> lines = read(MAP);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            problems.addAll(mapChecker.problems(i + 1, lines.get(i)));
        }
        assertThat(problems)
                .as("names in %s that the models or the code do not have", MAP)
                .isEmpty();
        // the patterns really found the map's names: a map the patterns no longer read would pass vacuously
        assertThat(mapChecker.idsChecked).as("BPMN ids checked").isGreaterThan(100);
        assertThat(mapChecker.beansChecked).as("beans checked").isGreaterThan(30);
        assertThat(mapChecker.methodsChecked).as("Class.method names checked").isGreaterThan(40);
    }

    @Test
    void everyCalledModelHasItsSection() {
        assertThat(missingSections(read(MAP), calledModels(PROCESSES)))
                .as("called models without a '## ' section in %s", MAP)
                .isEmpty();
        assertThat(calledModels(PROCESSES)).as("the call activities were found").hasSizeGreaterThanOrEqualTo(9);
    }

    // --- self-checks: the checks can fail ---

    @Test
    void reportsNamesThatDoNotExistAndAcceptsThoseThatDo() {
        String line = "| 1 Test | `Task_DoesNotExist`, `Task_SendMigrationNotices`, `Form_StartCutover`, "
                + "`Err_RoutingNotVerified` | service | `noSuchThingDelegate`, `sendMigrationNoticesDelegate`, "
                + "`ttlWaitGuard` | `Tenant.noSuchMethod(…)`, `NoSuchService.find(id)`, "
                + "`MigrationEndpointService.create/noSuchMethod(…)`, `Tenant.addDomain(domain)`, "
                + "`NoSuchIds` |";

        List<String> problems = checker.problems(42, line);

        assertThat(problems)
                .allSatisfy(p -> assertThat(p).startsWith(MAP + ":42: ").endsWith("in: " + line));
        // what each problem says, without the quoted line
        String said =
                problems.stream().map(p -> p.lines().findFirst().orElseThrow()).collect(Collectors.joining("\n"));
        assertThat(said)
                .contains("Task_DoesNotExist")
                .contains("noSuchThingDelegate")
                .contains("Tenant.noSuchMethod")
                .contains("NoSuchService")
                .contains("MigrationEndpointService.noSuchMethod")
                .contains("NoSuchIds")
                .doesNotContain("Task_SendMigrationNotices")
                .doesNotContain("Form_StartCutover")
                .doesNotContain("Err_RoutingNotVerified")
                .doesNotContain("sendMigrationNoticesDelegate")
                .doesNotContain("ttlWaitGuard")
                .doesNotContain("MigrationEndpointService.create")
                .doesNotContain("Tenant.addDomain");
        assertThat(problems).hasSize(6);
    }

    @Test
    void ignoresPathsFileNamesAndPlainWords() {
        String line = "`processes/CutoverMigration.bpmn`, `CutoverMigration.bpmn`, `autodiscover.outlook.com`, "
                + "`mail.<domain>`, `CallActivity_…`, `*Ids`, `domain`, `MX_TTL`";

        assertThat(checker.problems(7, line)).isEmpty();
    }

    @Test
    void reportsACalledModelWithoutASection() {
        Map<String, String> called = Map.of(
                "VerifyDomain", "CutoverMigration.bpmn#CallActivity_VerifyDomain",
                "StagedMigrationBatch", "StagedMigration.bpmn#CallActivity_MigrateBatches");
        List<String> headings = List.of(
                "# Runbook map",
                "## VerifyDomain",
                "## Staged migration → StagedMigration.bpmn",
                "Text that mentions StagedMigrationBatch is no heading");

        assertThat(missingSections(headings, called))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("StagedMigrationBatch")
                .contains("CallActivity_MigrateBatches");
    }

    // --- (d) called models and the map's headings ---

    private static final Pattern CALL_ACTIVITY = Pattern.compile("<bpmn:callActivity\\b([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");
    private static final Pattern CALLED_ELEMENT = Pattern.compile("\\bcalledElement=\"([^\"]+)\"");

    /** Called process id → where it is called (file#callActivityId), for each model file in processes/. */
    static Map<String, String> calledModels(Path processes) {
        Map<String, String> called = new LinkedHashMap<>();
        for (Path model : files(processes, ".bpmn")) {
            Matcher m = CALL_ACTIVITY.matcher(readString(model));
            while (m.find()) {
                Matcher id = ID.matcher(m.group(1));
                Matcher calledElement = CALLED_ELEMENT.matcher(m.group(1));
                if (calledElement.find() && Files.exists(processes.resolve(calledElement.group(1) + ".bpmn"))) {
                    called.putIfAbsent(
                            calledElement.group(1), model.getFileName() + "#" + (id.find() ? id.group(1) : "?"));
                }
            }
        }
        return called;
    }

    static List<String> missingSections(List<String> mapLines, Map<String, String> called) {
        List<String> headings =
                mapLines.stream().filter(l -> l.startsWith("## ")).toList();
        List<String> missing = new ArrayList<>();
        called.forEach((model, caller) -> {
            Pattern name = Pattern.compile("(?<![\\w])" + Pattern.quote(model) + "(?![\\w])");
            if (headings.stream().noneMatch(h -> name.matcher(h).find())) {
                missing.add(MAP + ": no '## ' heading names " + model + " (processes/" + model + ".bpmn, called by "
                        + caller + ")");
            }
        });
        return missing;
    }

    // --- (a)–(c): the names in one line ---

    static final class MapChecker {
        private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
        private static final Pattern BPMN_ID =
                Pattern.compile("(?<![\\w/.])([A-Z][a-z]+(?:[A-Z][a-z0-9]*)*_[A-Z][A-Za-z0-9]*)(?![\\w])");
        private static final Pattern BEAN =
                Pattern.compile("(?<![\\w.])([a-z][A-Za-z0-9]*(?:Delegate|Listener|Guard|Guards))(?![\\w])");
        private static final Pattern CLASS_METHOD = Pattern.compile(
                "(?<![\\w/.])([A-Z][A-Za-z0-9]*)\\.([a-z][A-Za-z0-9]*(?:/[a-z][A-Za-z0-9]*)*)(?![\\w])");
        private static final Pattern POINTER_CLASS =
                Pattern.compile("(?<![\\w.*])([A-Z][A-Za-z0-9]*(?:Ids|Variables))(?![\\w.])");
        private static final Set<String> FILE_EXTENSIONS =
                Set.of("bpmn", "form", "md", "java", "txt", "html", "xml", "yaml", "yml", "csv", "json", "properties");

        private final Set<String> modelIds;
        private final Set<String> beans;
        private final Map<String, List<String>> classSources;
        int idsChecked;
        int beansChecked;
        int methodsChecked;

        private MapChecker(Set<String> modelIds, Set<String> beans, Map<String, List<String>> classSources) {
            this.modelIds = modelIds;
            this.beans = beans;
            this.classSources = classSources;
        }

        static MapChecker of(Path processes, Path sources) {
            Set<String> ids = new HashSet<>();
            Pattern bpmnId = Pattern.compile("\\b(?:id|errorCode)=\"([^\"]+)\"");
            for (Path model : files(processes, ".bpmn")) {
                bpmnId.matcher(readString(model)).results().forEach(r -> ids.add(r.group(1)));
            }
            Pattern formId = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
            for (Path form : files(processes, ".form")) {
                formId.matcher(readString(form)).results().forEach(r -> ids.add(r.group(1)));
            }

            Set<String> beans = new HashSet<>();
            Map<String, List<String>> classes = new HashMap<>();
            Pattern component =
                    Pattern.compile("@(?:Component|Service|Configuration)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
            Pattern beanMethod = Pattern.compile(
                    "@Bean(?:\\(([^)]*)\\))?\\s+(?:(?:public|protected|private|static|final)\\s+)*[\\w.<>\\[\\]?, ]+?\\s+(\\w+)\\s*\\(");
            Pattern declaration = Pattern.compile("\\b(?:class|interface|record|enum)\\s+([A-Z]\\w*)");
            for (Path source : javaFiles(sources)) {
                String text = readString(source);
                component.matcher(text).results().forEach(r -> beans.add(r.group(1)));
                Matcher bean = beanMethod.matcher(text);
                while (bean.find()) {
                    Matcher named = Pattern.compile("\"([^\"]+)\"").matcher(bean.group(1) == null ? "" : bean.group(1));
                    beans.add(named.find() ? named.group(1) : bean.group(2));
                }
                declaration
                        .matcher(text)
                        .results()
                        .forEach(r -> classes.computeIfAbsent(r.group(1), k -> new ArrayList<>())
                                .add(text));
            }
            return new MapChecker(ids, beans, classes);
        }

        /** What is wrong with the names in line {@code lineNumber}, each problem naming the line. */
        List<String> problems(int lineNumber, String line) {
            List<String> problems = new ArrayList<>();
            Matcher span = BACKTICKED.matcher(line);
            while (span.find()) {
                String token = span.group(1);
                for (String id : all(BPMN_ID, token)) {
                    idsChecked++;
                    if (!modelIds.contains(id)) {
                        problems.add(id + " is no id of a model or form in " + PROCESSES);
                    }
                }
                for (String bean : all(BEAN, token)) {
                    beansChecked++;
                    if (!beans.contains(bean)) {
                        problems.add(bean + " is no @Component(\"" + bean + "\") or @Bean in " + MAIN_SOURCES);
                    }
                }
                Matcher call = CLASS_METHOD.matcher(token);
                while (call.find()) {
                    String className = call.group(1);
                    String[] methods = call.group(2).split("/");
                    if (FILE_EXTENSIONS.contains(methods[0])) {
                        continue;
                    }
                    methodsChecked++;
                    List<String> sources = classSources.get(className);
                    if (sources == null) {
                        problems.add(className + " (in " + className + "." + call.group(2) + ") is no class in "
                                + MAIN_SOURCES);
                        continue;
                    }
                    for (String method : methods) {
                        if (sources.stream().noneMatch(source -> declares(source, method))) {
                            problems.add(className + "." + method + ": " + className + " declares no method " + method);
                        }
                    }
                }
                for (String pointer : all(POINTER_CLASS, token)) {
                    if (!classSources.containsKey(pointer)) {
                        problems.add(pointer + " is no class in " + MAIN_SOURCES);
                    }
                }
            }
            return problems.stream()
                    .map(p -> MAP + ":" + lineNumber + ": " + p + "\n    in: " + line)
                    .collect(Collectors.toList());
        }

        private static final Set<String> NOT_A_TYPE =
                Set.of("return", "new", "throw", "else", "case", "yield", "assert", "await");

        /** Whether {@code source} declares a method (or a record component) named {@code method}. */
        static boolean declares(String source, String method) {
            Matcher m = Pattern.compile(
                            "(?m)^[ \\t]*(?:@[\\w.]+(?:\\([^)\\n]*\\))?[ \\t]+)*((?:[\\w$<>\\[\\]?,.]+[ \\t]+)+)"
                                    + Pattern.quote(method) + "[ \\t]*\\(")
                    .matcher(source);
            while (m.find()) {
                String[] words = m.group(1).trim().split("[ \\t]+");
                if (!NOT_A_TYPE.contains(words[words.length - 1])) {
                    return true;
                }
            }
            Matcher record = Pattern.compile("\\brecord\\s+\\w+\\s*(?:<[^>]*>)?\\s*\\(([^)]*)\\)")
                    .matcher(source);
            while (record.find()) {
                if (Pattern.compile("\\b" + Pattern.quote(method) + "\\s*(?:,|$)")
                        .matcher(record.group(1).trim())
                        .find()) {
                    return true;
                }
            }
            return false;
        }

        private static List<String> all(Pattern pattern, String text) {
            return pattern.matcher(text).results().map(r -> r.group(1)).toList();
        }
    }

    // --- files ---

    private static List<Path> files(Path folder, String suffix) {
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

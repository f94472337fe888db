package io.mailferry.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where process variables are read and written, as far as the sources say: in JUEL expressions of the models, in the
 * forms' templates, conditions and fields, and in the Java classes behind a model's delegates and listeners (calls
 * with a constant of a {@code …Variables} class). Used by {@link VariableContractTest}; a heuristic over source text,
 * kept strict enough that a misspelt or orphaned name shows up.
 */
final class VariableUses {
    private static final Path MAIN = Path.of("src/main/java/io/mailferry");
    private static final Set<String> JUEL_WORDS = Set.of(
            "execution",
            "task",
            "true",
            "false",
            "null",
            "empty",
            "not",
            "and",
            "or",
            "eq",
            "ne",
            "lt",
            "gt",
            "le",
            "ge",
            "div",
            "mod",
            "instanceof");
    private static final Set<String> FEEL_WORDS = Set.of("null", "true", "false", "and", "or", "not", "in", "between");
    private static final Pattern JUEL = Pattern.compile("[$#]\\{(.*?)}");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([a-zA-Z_]\\w*)(?!\\s*\\()");
    private static final Pattern SET_IN_JUEL = Pattern.compile("execution\\.setVariable\\('(\\w+)'");
    /** A read that tolerates an absent variable, e.g. {@code execution.getVariable('decommissionExchange') == true}. */
    private static final Pattern GET_IN_JUEL = Pattern.compile("execution\\.getVariable\\('(\\w+)'\\)");

    private static final List<Pattern> READS = List.of(
            // processInstanceVariableEquals queries other instances' variables: not a read of the model's own
            Pattern.compile("(?:getVariable|getVariableLocal)\\(([^,)]*)"),
            Pattern.compile(
                    "Variables\\.(?:string|stringOr|number|numberOrNull|increment)\\(\\s*\\w+\\s*,\\s*([^,)]*)"),
            // OwnedMigration reads a batch or mailbox id and checks that the migration owns it
            Pattern.compile("owned\\.(?:batch|mailbox)\\(\\s*\\w+\\s*,\\s*([^,)]*)"));
    private static final List<Pattern> WRITES = List.of(
            Pattern.compile("(?:setVariable|setVariableLocal)\\(([^,]*),"),
            Pattern.compile("Variables\\.(?:setDefault|increment)\\(\\s*\\w+\\s*,\\s*([^,)]*)"));
    /** DnsWaitGuard names its variables once, in this record: until and reason are read, the rest written. */
    private static final Pattern WAIT_VARIABLES =
            Pattern.compile("WaitVariables\\(\\s*(\\w+),\\s*(\\w+),\\s*(\\w+)," + "\\s*(\\w+),\\s*(\\w+)\\)");

    static final Pattern LITERAL_NAME_IN_CALL = Pattern.compile(
            "(?:[sg]etVariable(?:Local)?|removeVariable|processInstanceVariableEquals|Variables\\.\\w+)\\((?:\\w+,\\s*)?\"");

    /** Constant name → variable name, over every {@code …Variables} class of the application. */
    final Map<String, String> constants = new HashMap<>();
    /** Variable names marked {@link Recorded}. */
    final Set<String> recorded = new HashSet<>();
    /** Spring bean name → the source file defining it (a @Component class or a @Configuration with the @Bean). */
    final Map<String, Path> beans = new HashMap<>();

    VariableUses() throws Exception {
        try (Stream<Path> sources = Files.walk(MAIN)) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher component =
                        Pattern.compile("@Component\\(\"(\\w+)\"\\)").matcher(text);
                while (component.find()) {
                    beans.put(component.group(1), source);
                }
                Matcher bean = Pattern.compile("@Bean\\s+(?:public\\s+)?\\w+\\s+(\\w+)\\(")
                        .matcher(text);
                while (bean.find()) {
                    beans.put(bean.group(1), source);
                }
                String name = source.getFileName().toString();
                if (name.endsWith("Variables.java") && !name.equals("Variables.java")) {
                    readConstants(source);
                }
            }
        }
    }

    private void readConstants(Path source) throws Exception {
        String className = MAIN.relativize(source).toString().replace('/', '.').replace(".java", "");
        for (Field field : Class.forName("io.mailferry." + className).getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String value = (String) field.get(null);
                String previous = constants.put(field.getName(), value);
                if (previous != null && !previous.equals(value)) {
                    throw new IllegalStateException(
                            field.getName() + " names two variables: " + previous + ", " + value);
                }
                if (field.isAnnotationPresent(Recorded.class)) {
                    recorded.add(value);
                }
            }
        }
    }

    /** Reads and writes, each variable name with where it happens. */
    static final class Uses {
        final Map<String, Set<String>> reads = new TreeMap<>();
        final Map<String, Set<String>> writes = new TreeMap<>();

        void read(String name, String where) {
            reads.computeIfAbsent(name, n -> new HashSet<>()).add(where);
        }

        void write(String name, String where) {
            writes.computeIfAbsent(name, n -> new HashSet<>()).add(where);
        }
    }

    /** Identifiers an expression reads (beans and JUEL words aside), and the variables it sets. */
    void juel(String text, String where, Uses uses) {
        if (text == null) {
            return;
        }
        Matcher expression = JUEL.matcher(text);
        while (expression.find()) {
            String body = expression.group(1);
            Matcher set = SET_IN_JUEL.matcher(body);
            while (set.find()) {
                uses.write(set.group(1), where);
            }
            Matcher get = GET_IN_JUEL.matcher(body);
            while (get.find()) {
                uses.read(get.group(1), where);
            }
            Matcher id = IDENTIFIER.matcher(QUOTED.matcher(body).replaceAll(""));
            while (id.find()) {
                String name = id.group(1);
                if (!JUEL_WORDS.contains(name) && !beans.containsKey(name)) {
                    uses.read(name, where);
                }
            }
        }
    }

    /** A Camunda Form: field keys are written; templates, conditions and expressions read. */
    void form(Path form, Uses uses) throws IOException {
        walk(
                new ObjectMapper().readTree(form.toFile()).path("components"),
                form.getFileName().toString(),
                uses);
    }

    private static void walk(JsonNode components, String where, Uses uses) {
        for (JsonNode component : components) {
            if (component.has("key")) {
                uses.write(component.get("key").asText(), where);
            }
            for (String text : List.of("text", "label", "description")) {
                Matcher template = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}")
                        .matcher(component.path(text).asText(""));
                while (template.find()) {
                    uses.read(template.group(1), where);
                }
            }
            String hide = component.path("conditional").path("hide").asText("");
            Matcher id = Pattern.compile("(?<![.\\w])([a-zA-Z_]\\w*)")
                    .matcher(QUOTED.matcher(hide).replaceAll(""));
            while (id.find()) {
                if (!FEEL_WORDS.contains(id.group(1))) {
                    uses.read(id.group(1), where);
                }
            }
            walk(component.path("components"), where, uses);
        }
    }

    /**
     * The variables the Java behind a bean reads and writes: its own source file and the helper classes of its
     * package (and of io.mailferry.process) that the file names.
     */
    void java(String bean, Uses uses) {
        Path file = beans.get(bean);
        if (file == null) {
            return;
        }
        String where = "${" + bean + "} (" + file.getFileName() + ")";
        for (Path source : withHelpers(file)) {
            String text = withoutMessageVariables(read(source));
            READS.forEach(call -> collect(call, text, where, uses::read));
            WRITES.forEach(call -> collect(call, text, where, uses::write));
            Matcher wait = WAIT_VARIABLES.matcher(text);
            while (wait.find()) {
                for (int i = 1; i <= 5; i++) {
                    String value = constants.get(wait.group(i));
                    if (value != null && (i == 1 || i == 5)) {
                        uses.read(value, where);
                    } else if (value != null) {
                        uses.write(value, where);
                    }
                }
            }
        }
    }

    private void collect(Pattern call, String text, String where, BiConsumer<String, String> use) {
        Matcher m = call.matcher(text);
        while (m.find()) {
            Matcher constant = Pattern.compile("\\b([A-Z][A-Z0-9_]+)\\b").matcher(m.group(1));
            while (constant.find()) {
                String value = constants.get(constant.group(1));
                if (value != null) {
                    use.accept(value, where);
                }
            }
        }
    }

    /** Variables a message correlation sets belong to the receiving process (see VariableContractTest), not here. */
    private static String withoutMessageVariables(String text) {
        Matcher correlation = Pattern.compile("createMessageCorrelation\\([^;]*;", Pattern.DOTALL)
                .matcher(text);
        return correlation.replaceAll(m -> Matcher.quoteReplacement(m.group().replace(".setVariable(", ".sends(")));
    }

    private List<Path> withHelpers(Path file) {
        String text = read(file);
        Set<Path> files = new HashSet<>(Set.of(file));
        for (Path dir : List.of(file.getParent(), MAIN.resolve("process"))) {
            try (Stream<Path> siblings = Files.list(dir)) {
                siblings.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !beans.containsValue(p) || p.equals(file))
                        .filter(p -> text.contains(p.getFileName().toString().replace(".java", "")))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(files);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

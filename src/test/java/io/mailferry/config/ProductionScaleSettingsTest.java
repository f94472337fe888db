package io.mailferry.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.container.impl.metadata.PropertyHelper;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The production profile is sized for thousands of mailboxes (issue 12): every job thread is filled in one
 * acquisition, and history does not grow without bound. The generic properties are applied to an engine
 * configuration the way the Spring Boot starter applies them, so a misspelt one fails here, not at a customer's start.
 */
class ProductionScaleSettingsTest {

    private static Map<String, Object> yaml(String name) throws IOException {
        Map<String, Object> values = new HashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(name, new ClassPathResource(name))) {
            EnumerablePropertySource<?> enumerable = (EnumerablePropertySource<?>) source;
            for (String key : enumerable.getPropertyNames()) {
                values.put(key, String.valueOf(enumerable.getProperty(key)));
            }
        }
        return values;
    }

    @Test
    void aNodeTakesAsManyJobsPerAcquisitionAsItHasThreads() throws IOException {
        Map<String, Object> shared = yaml("application.yaml");
        Map<String, Object> production = yaml("application-production.yaml");
        int threads = Integer.parseInt((String) shared.get("camunda.bpm.job-execution.max-pool-size"));

        assertThat(Integer.parseInt((String) production.get("camunda.bpm.job-execution.max-jobs-per-acquisition")))
                .isGreaterThanOrEqualTo(threads);
        assertThat(production)
                .containsKeys(
                        "camunda.bpm.job-execution.backoff-time-in-millis", "camunda.bpm.job-execution.max-backoff");
    }

    @Test
    void historyIsCleanedUpEveryNightAndBatchOperationsExpire() throws IOException {
        String prefix = "camunda.bpm.generic-properties.properties.";
        Map<String, String> generic = new HashMap<>();
        yaml("application-production.yaml").forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                generic.put(key.substring(prefix.length()), (String) value);
            }
        });
        StandaloneInMemProcessEngineConfiguration engine = new StandaloneInMemProcessEngineConfiguration();

        PropertyHelper.applyProperties(engine, generic, PropertyHelper.KEBAB_CASE);

        assertThat(engine.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
        assertThat(engine.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
        assertThat(engine.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(engine.getBatchOperationHistoryTimeToLive()).isEqualTo("P7D");
        assertThat(engine.getHistoryCleanupJobLogTimeToLive()).isEqualTo("P7D");
    }

    @Test
    void everyModelSetsAHistoryTimeToLive() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).toList();
        }
        assertThat(models).isNotEmpty();
        for (Path model : models) {
            assertThat(Files.readString(model))
                    .as(model.toString())
                    .containsPattern("<bpmn:process [^>]*camunda:historyTimeToLive=\"P\\d+D\"");
        }
    }
}

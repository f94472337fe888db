package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

class StandaloneSyncTest {

    @Test
    void theSchemaVersionTheCommandTrustsIsTheNewestMigration() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max()
                    .orElseThrow();
            assertThat(StandaloneSync.SCHEMA_VERSION).isEqualTo(String.valueOf(newest));
        }
    }

    @Test
    void aNewStateFolderIsMigratedAndThenRecognisedAsCurrent(@TempDir Path dir) {
        JdbcTemplate empty = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                "jdbc:h2:mem:empty-" + System.nanoTime(), "sa", "", true));
        assertThat(StandaloneSync.schemaIsCurrent(empty)).isFalse();

        StandaloneSync.open(dir.resolve("state"));
        assertThat(Files.exists(dir.resolve("state/mailferry-sync.mv.db"))).isTrue();
        JdbcTemplate migrated = new JdbcTemplate(new org.springframework.jdbc.datasource.SingleConnectionDataSource(
                "jdbc:h2:file:" + dir.resolve("state/mailferry-sync").toAbsolutePath(), "sa", "", true));
        assertThat(StandaloneSync.schemaIsCurrent(migrated)).isTrue();
    }
}

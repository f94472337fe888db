package io.mailferry.mailbox;

import io.mailferry.secrets.SecretStoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A fresh database per test with the real Flyway migrations applied: H2 in memory, or — when the PostgreSQL test
 * run ({@code mvn -Ppostgresql-tests}) sets {@code mailferry.test.postgres.url} — a new schema of its own in that
 * PostgreSQL database, so the same tests prove the migrations and the SQL on both.
 */
public final class TestDatabase {
    public static final String POSTGRES_URL = "mailferry.test.postgres.url";

    private TestDatabase() {}

    public static DataSource migrated() {
        return migrate(onPostgresql() ? freshPostgresqlSchema() : freshH2());
    }

    /**
     * Always H2 in memory, also in the PostgreSQL run: for the tests that need H2 itself (Java triggers that fail a
     * statement on purpose, the in-memory database the demo's in-memory master key is limited to).
     */
    public static JdbcDataSource migratedH2() {
        JdbcDataSource ds = freshH2();
        migrate(ds);
        return ds;
    }

    /**
     * The secret store's settings for a database from {@link #migrated()}: on PostgreSQL the database outlives the
     * store, so its master key must be in a file (a new one per call, as each call has a new schema).
     */
    public static SecretStoreProperties secretStoreProperties() {
        if (!onPostgresql()) {
            return new SecretStoreProperties(null);
        }
        try {
            return new SecretStoreProperties(Files.createTempDirectory("mailferry-test-key")
                    .resolve("master.key")
                    .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends DataSource> T migrate(T ds) {
        Flyway.configure().dataSource(ds).table("mf_flyway_history").load().migrate();
        return ds;
    }

    public static boolean onPostgresql() {
        String url = System.getProperty(POSTGRES_URL);
        return url != null && !url.isBlank();
    }

    private static JdbcDataSource freshH2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        return ds;
    }

    private static DataSource freshPostgresqlSchema() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(System.getProperty(POSTGRES_URL));
        ds.setUser(System.getProperty("mailferry.test.postgres.user"));
        ds.setPassword(System.getProperty("mailferry.test.postgres.password"));
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test schema on " + ds.getUrl() + ": " + e.getMessage(), e);
        }
        ds.setCurrentSchema(schema);
        return ds;
    }

    /** Endpoints rows for tests that only need a valid foreign key. */
    public static long insertEndpoint(JdbcTemplate jdbc, String name) {
        jdbc.update(
                "INSERT INTO mf_migration_endpoint (name, host, port, security, login_mode, created_at) "
                        + "VALUES (?, 'localhost', 143, 'NONE', 'SHARED_PASSWORD', CURRENT_TIMESTAMP)",
                name);
        return jdbc.queryForObject("SELECT id FROM mf_migration_endpoint WHERE name = ?", Long.class, name);
    }
}

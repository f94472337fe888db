package io.mailferry.mailbox;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** A fresh H2 database per test with the real Flyway migrations applied. */
public final class TestDatabase {
    private TestDatabase() {}

    public static DataSource migrated() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).table("mf_flyway_history").load().migrate();
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

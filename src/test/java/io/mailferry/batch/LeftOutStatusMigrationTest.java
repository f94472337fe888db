package io.mailferry.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.mailbox.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** V12: the mailboxes left out before LEFT_OUT existed (FAILED, "Left out by the operator: …") become LEFT_OUT. */
class LeftOutStatusMigrationTest {

    @Test
    void mailboxesLeftOutBeforeBecomeLeftOutAndTransientFailuresStayFailed() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway before = Flyway.configure()
                .dataSource(ds)
                .table("mf_flyway_history")
                .target("8")
                .load();
        before.migrate();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        long source = TestDatabase.insertEndpoint(jdbc, "Exchange");
        jdbc.update("INSERT INTO mf_batch (name, domain, source_endpoint_id, target_endpoint_id, created_at)"
                + " VALUES ('Wave 1', 'contoso.com', " + source + ", " + source + ", CURRENT_TIMESTAMP)");
        long batch = jdbc.queryForObject("SELECT id FROM mf_batch", Long.class);
        insert(jdbc, batch, "left@contoso.com", "FAILED", "Left out by the operator: LOGIN refused");
        insert(jdbc, batch, "failing@contoso.com", "FAILED", "Synchronising failing@contoso.com failed: reset");
        insert(jdbc, batch, "synced@contoso.com", "SYNCED", null);

        Flyway.configure().dataSource(ds).table("mf_flyway_history").load().migrate();

        assertThat(jdbc.queryForList(
                        "SELECT source_address || '=' || status FROM mf_batch_mailbox ORDER BY source_address",
                        String.class))
                .isEqualTo(List.of(
                        "failing@contoso.com=FAILED", "left@contoso.com=LEFT_OUT", "synced@contoso.com=SYNCED"));
    }

    private static void insert(JdbcTemplate jdbc, long batch, String address, String status, String error) {
        jdbc.update(
                "INSERT INTO mf_batch_mailbox (batch_id, source_address, target_address, status, last_error)"
                        + " VALUES (?, ?, ?, ?, ?)",
                batch,
                address,
                address,
                status,
                error);
    }
}

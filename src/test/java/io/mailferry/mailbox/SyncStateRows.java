package io.mailferry.mailbox;

import org.springframework.jdbc.core.JdbcTemplate;

/** The rows a mailbox's sync state hangs off, for tests that drive {@link MailboxSync} directly. */
final class SyncStateRows {
    private SyncStateRows() {}

    /** Two endpoints, a batch and its one mailbox {@code user}; returns the mailbox's id. */
    static long mailbox(JdbcTemplate jdbc, String user) {
        for (String name : new String[] {"source", "target"}) {
            jdbc.update(
                    "INSERT INTO mf_migration_endpoint (name, host, port, security, login_mode, created_at) "
                            + "VALUES (?, '127.0.0.1', 143, 'NONE', 'SHARED_PASSWORD', CURRENT_TIMESTAMP)",
                    name);
        }
        jdbc.update("INSERT INTO mf_batch (name, domain, source_endpoint_id, target_endpoint_id, created_at) "
                + "SELECT 'Wave', 'contoso.com', s.id, t.id, CURRENT_TIMESTAMP FROM mf_migration_endpoint s, "
                + "mf_migration_endpoint t WHERE s.name = 'source' AND t.name = 'target'");
        jdbc.update(
                "INSERT INTO mf_batch_mailbox (batch_id, source_address, target_address, status) "
                        + "SELECT id, ?, ?, 'QUEUED' FROM mf_batch WHERE name = 'Wave'",
                user,
                user);
        return jdbc.queryForObject("SELECT id FROM mf_batch_mailbox WHERE source_address = ?", Long.class, user);
    }
}

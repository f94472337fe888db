package io.mailferry.mailbox;

import io.mailferry.text.Fit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * One mailbox from a source account to a target account, outside the application: what the {@code sync} command
 * runs. The state lives in an H2 file database under a state folder, with the same tables and migrations as the
 * application, so a second run is a delta pass and a killed run resumes without copying anything twice.
 */
public final class StandaloneSync {
    /** An account to sign in to; {@code trusted} is the one certificate to trust instead of the JVM's, or null. */
    public record Account(ImapServer server, String user, char[] password, X509Certificate trusted) {
        @Override
        public String toString() {
            return user + "@" + server;
        }
    }

    /** The pass's result, every message skipped so far (with reasons), and how long the pass took. */
    public record Outcome(SliceResult result, List<String> skipped, Duration elapsed) {}

    /** The newest migration under db/migration. */
    static final String SCHEMA_VERSION = "20";

    /** Widths of mf_batch.name, mf_batch.domain and the mailbox addresses (V2__batches.sql). */
    private static final int NAME_WIDTH = 200;

    private static final int DOMAIN_WIDTH = 255;
    private static final int ADDRESS_WIDTH = 320;

    private final JdbcTemplate jdbc;

    private StandaloneSync(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens (creating and migrating if needed) the state database in {@code stateDir}, for one mailbox at a time. */
    public static StandaloneSync open(Path stateDir) {
        return open(stateDir, 1);
    }

    /**
     * As {@link #open(Path)}, for {@code connections} statements at once: several mailboxes synced side by side, each
     * folder thread writing its state after every message, would otherwise queue on one connection.
     */
    public static StandaloneSync open(Path stateDir, int connections) {
        try {
            Files.createDirectories(stateDir);
        } catch (java.io.IOException e) {
            throw new MailboxSyncException("Cannot create the state folder " + stateDir + ": " + e.getMessage(), e);
        }
        String url = "jdbc:h2:file:" + stateDir.toAbsolutePath().resolve("mailferry-sync") + ";DB_CLOSE_ON_EXIT=FALSE";
        DataSource ds;
        if (connections <= 1) {
            // One connection for the whole run: opening an H2 file session per statement cost more than the IMAP work.
            ds = new SingleConnectionDataSource(url, "sa", "", true);
        } else {
            // kept open for the run, like the single connection; H2's own pool, so the command needs no other
            JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
            pool.setMaxConnections(connections);
            ds = pool;
        }
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        if (!schemaIsCurrent(jdbc)) {
            Flyway.configure()
                    .dataSource(ds)
                    .table("mf_flyway_history")
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        }
        return new StandaloneSync(jdbc);
    }

    /**
     * Whether the state database already has every migration. Starting Flyway costs more than a whole unchanged
     * delta pass, and a command line tool starts every time; the test keeps {@link #SCHEMA_VERSION} the newest.
     */
    static boolean schemaIsCurrent(JdbcTemplate jdbc) {
        try {
            Integer applied = jdbc.queryForObject(
                    "SELECT COUNT(*) FROM \"mf_flyway_history\" WHERE \"version\" = ? " + "AND \"success\"",
                    Integer.class,
                    SCHEMA_VERSION);
            return applied != null && applied > 0;
        } catch (org.springframework.dao.DataAccessException noTableYet) {
            return false;
        }
    }

    /** Runs one complete pass (initial the first time, delta after). */
    public Outcome sync(Account source, Account target, SyncOptions options) {
        long mailboxId = mailboxId(source, target);
        Instant started = Instant.now();
        SliceResult result;
        try (IMAPStore from = ImapConnector.signIn(
                        source.server(),
                        source.trusted(),
                        source.user(),
                        source.password(),
                        null,
                        "as " + source.user());
                IMAPStore to = ImapConnector.signIn(
                        target.server(),
                        target.trusted(),
                        target.user(),
                        target.password(),
                        null,
                        "as " + target.user())) {
            result = new MailboxSync(jdbc, options, Clock.systemUTC()).run(mailboxId, from, to, Instant.MAX);
        } catch (jakarta.mail.MessagingException e) {
            throw new MailboxSyncException("Closing the connections failed: " + e.getMessage(), e);
        }
        Duration elapsed = Duration.between(started, Instant.now());
        List<String> skipped = new SyncStateStore(jdbc)
                .skipped(mailboxId).stream()
                        .map(s -> s.sourceFolder() + " UID " + s.sourceUid() + ": " + s.reason())
                        .toList();
        return new Outcome(result, skipped, elapsed);
    }

    /**
     * The state rows of this source/target pair: an endpoint per server and a one-mailbox batch, made once; one pair
     * at a time, so that mailboxes started together on the same servers do not each create their endpoint.
     */
    private synchronized long mailboxId(Account source, Account target) {
        long sourceEndpoint = endpoint(source);
        long targetEndpoint = endpoint(target);
        String name = keyName("cli " + source + " -> " + target);
        for (String user : List.of(source.user(), target.user())) {
            if (user.length() > ADDRESS_WIDTH) {
                throw new IllegalArgumentException(
                        "The user '" + Fit.cut(user, 80) + "' is longer than " + ADDRESS_WIDTH + " characters");
            }
        }
        List<Long> existing = jdbc.queryForList(
                "SELECT m.id FROM mf_batch b JOIN mf_batch_mailbox m ON m.batch_id = b.id " + "WHERE b.name = ?",
                Long.class,
                name);
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        String domain = source.user().contains("@")
                ? source.user().substring(source.user().indexOf('@') + 1)
                : source.server().host();
        jdbc.update(
                "INSERT INTO mf_batch (name, domain, source_endpoint_id, target_endpoint_id, created_at) "
                        + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)",
                name,
                Fit.column(domain.toLowerCase(Locale.ROOT), DOMAIN_WIDTH),
                sourceEndpoint,
                targetEndpoint);
        Long batchId = jdbc.queryForObject("SELECT id FROM mf_batch WHERE name = ?", Long.class, name);
        jdbc.update(
                "INSERT INTO mf_batch_mailbox (batch_id, source_address, target_address, status) "
                        + "VALUES (?, ?, ?, 'QUEUED')",
                batchId,
                source.user(),
                target.user());
        return jdbc.queryForObject("SELECT id FROM mf_batch_mailbox WHERE batch_id = ?", Long.class, batchId);
    }

    /**
     * A name (batch and endpoint names are at most 200 characters) that finds the same row again: a long one keeps
     * its beginning and a hash of the whole, so two long names that begin alike stay apart.
     */
    private static String keyName(String name) {
        return name.length() <= NAME_WIDTH
                ? name
                : name.substring(0, NAME_WIDTH - 20) + " #" + Integer.toHexString(name.hashCode());
    }

    private long endpoint(Account account) {
        String name = keyName("cli " + account.server() + " " + account.server().security());
        List<Long> ids = jdbc.queryForList("SELECT id FROM mf_migration_endpoint WHERE name = ?", Long.class, name);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        jdbc.update(
                "INSERT INTO mf_migration_endpoint (name, host, port, security, login_mode, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP)",
                name,
                account.server().host(),
                account.server().port(),
                account.server().security().name(),
                LoginMode.SHARED_PASSWORD.name());
        return jdbc.queryForObject("SELECT id FROM mf_migration_endpoint WHERE name = ?", Long.class, name);
    }
}

package io.mailferry.mailbox;

import com.icegreen.greenmail.util.GreenMail;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import jakarta.mail.Flags;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A batch whose every mailbox is synced, on two GreenMail servers and a fresh database: each source INBOX holds two
 * messages and its target INBOX the same two, except the target of {@link #SHORT_MAILBOX}, which holds one — what
 * the report must show.
 */
public final class SyncedBatch implements AutoCloseable {
    static final String PASSWORD = "Migr4tion-Temp!";
    static final Instant DATE = Instant.parse("2026-11-30T09:00:00Z");
    /** The mailbox (1-based) whose target lacks a message. */
    public static final int SHORT_MAILBOX = 2;

    public final JdbcTemplate jdbc;
    public final MigrationBatchService batches;
    public final MigrationReportService reports;
    public final long batchId;
    public final List<String> addresses;
    private final GreenMail source = Imap.start();
    private final GreenMail target = Imap.start();

    public SyncedBatch(int mailboxes) throws Exception {
        DataSource ds = TestDatabase.migrated();
        jdbc = new JdbcTemplate(ds);
        batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        ImapServer sourceServer = new ImapServer("127.0.0.1", Imap.port(source), ImapSecurity.NONE);
        ImapServer targetServer = new ImapServer("127.0.0.1", Imap.port(target), ImapSecurity.NONE);
        MigrationEndpointService endpoints =
                new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.allowing(sourceServer, targetServer));
        addresses = IntStream.rangeClosed(1, mailboxes)
                .mapToObj(i -> String.format("user%03d@contoso.com", i))
                .toList();
        for (int i = 0; i < mailboxes; i++) {
            String address = addresses.get(i);
            source.setUser(address, address, PASSWORD);
            target.setUser(address, address, PASSWORD);
            for (int m = 1; m <= 2; m++) {
                byte[] raw = Imap.message("<" + m + "." + address + ">", "Message " + m, "text");
                Imap.append(source, address, PASSWORD, "INBOX", raw, new Flags(), DATE);
                if (m == 1 || i + 1 != SHORT_MAILBOX) {
                    Imap.append(target, address, PASSWORD, "INBOX", raw, new Flags(), DATE);
                }
            }
        }
        batchId = batches.createBatch(
                "Wave 1",
                "contoso.com",
                endpoint(endpoints, secrets, "Exchange", sourceServer),
                endpoint(endpoints, secrets, "M365", targetServer),
                addresses);
        for (long id : batches.mailboxIds(batchId)) {
            batches.markStatus(id, MailboxStatus.SYNCED, null);
        }
        reports = new MigrationReportService(
                batches,
                new MailboxSyncService(jdbc, batches, endpoints, SyncProperties.defaults()),
                jdbc,
                Clock.systemUTC());
    }

    private static long endpoint(
            MigrationEndpointService endpoints, SecretStore secrets, String name, ImapServer server) {
        return endpoints.create(
                name,
                server,
                null,
                secrets.store(Purpose.imapLogin("127.0.0.1", server.port()), name, PASSWORD.toCharArray(), "operator"),
                LoginMode.SHARED_PASSWORD);
    }

    /** The mailboxes whose counts the report keeps, by source address. */
    public List<String> countedAddresses() {
        return jdbc.queryForList(
                "SELECT m.source_address FROM mf_report_mailbox r JOIN mf_batch_mailbox m ON m.id = r.mailbox_id"
                        + " ORDER BY m.source_address",
                String.class);
    }

    /** Stops the source server, so that a live count fails. */
    public void stopSource() {
        source.stop();
    }

    @Override
    public void close() {
        source.stop();
        target.stop();
    }
}

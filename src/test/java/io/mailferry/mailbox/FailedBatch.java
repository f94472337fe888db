package io.mailferry.mailbox;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.secrets.SecretStore;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A batch whose every mailbox failed its last sync, with the error a slice records, on a fresh H2 database; and the
 * report service over it (a failed mailbox is reported from the database, without an IMAP round trip).
 */
public final class FailedBatch {
    public final MigrationBatchService batches;
    public final MigrationReportService reports;
    public final long batchId;
    public final JdbcTemplate jdbc;

    public FailedBatch(int mailboxes) {
        DataSource ds = TestDatabase.migrated();
        jdbc = new JdbcTemplate(ds);
        batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        SecretStore secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        MigrationEndpointService endpoints = new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.none());
        reports = new MigrationReportService(
                batches, new MailboxSyncService(jdbc, batches, endpoints, SyncProperties.defaults()), jdbc);
        List<String> addresses = IntStream.rangeClosed(1, mailboxes)
                .mapToObj(i -> String.format("annemarie.vandenberg-hoogstraten%03d@contoso.com", i))
                .toList();
        batchId = batches.createBatch(
                "Wave 1",
                "contoso.com",
                TestDatabase.insertEndpoint(jdbc, "Exchange"),
                TestDatabase.insertEndpoint(jdbc, "M365"),
                addresses);
        for (long id : batches.mailboxIds(batchId)) {
            String address = batches.mailbox(id).sourceAddress();
            batches.markStatus(
                    id,
                    MailboxStatus.FAILED,
                    "Synchronising " + address + " -> " + address + " failed: Connection reset while reading from"
                            + " mail.contoso.com:993 (the server closed the connection after 30 s)");
        }
    }
}

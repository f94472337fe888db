package io.mailferry.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.mailbox.TestDatabase;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class MigrationBatchServiceTest {
    JdbcTemplate jdbc;
    MigrationBatchService batches;
    long source;
    long target;

    @BeforeEach
    void setUp() {
        DataSource ds = TestDatabase.migrated();
        jdbc = new JdbcTemplate(ds);
        batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        source = TestDatabase.insertEndpoint(jdbc, "Exchange");
        target = TestDatabase.insertEndpoint(jdbc, "M365");
    }

    @Test
    void createdBatchQueuesEveryDistinctAddressWithTheSameTargetAddress() {
        long id = batches.createBatch(
                "Wave 1",
                "contoso.com",
                source,
                target,
                List.of("user01@contoso.com", " user02@contoso.com ", "USER01@contoso.com"));

        MigrationBatch batch = batches.batch(id);
        assertThat(batch.name()).isEqualTo("Wave 1");
        assertThat(batch.sourceEndpointId()).isEqualTo(source);
        assertThat(batch.createdAt()).isNotNull();
        assertThat(batch.finalSyncRequested()).isFalse();
        assertThat(batch.deletedAt()).isNull();
        assertThat(batches.mailboxes(id))
                .extracting(BatchMailbox::sourceAddress, BatchMailbox::targetAddress, BatchMailbox::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "user01@contoso.com", "user01@contoso.com", MailboxStatus.QUEUED),
                        org.assertj.core.groups.Tuple.tuple(
                                "user02@contoso.com", "user02@contoso.com", MailboxStatus.QUEUED));
        assertThat(batches.mailboxIds(id)).hasSize(2);
    }

    @Test
    void anInvalidAddressCreatesNothing() {
        assertThatThrownBy(() -> batches.createBatch(
                        "Bad", "contoso.com", source, target, List.of("user01@contoso.com", "not-an-address")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not-an-address");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_batch", Integer.class))
                .isZero();
    }

    @Test
    void anAddressLongerThanItsColumnCreatesNothing() {
        assertThatThrownBy(() -> batches.createBatch(
                        "Bad",
                        "contoso.com",
                        source,
                        target,
                        List.of("user01@contoso.com", "x".repeat(400) + "@contoso.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is longer than the 320 characters a mailbox address can have");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_batch", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_batch_mailbox", Integer.class))
                .isZero();
    }

    @Test
    void progressFollowsTheMailboxStatuses() {
        long id = batches.createBatch(
                "Wave 1", "contoso.com", source, target, List.of("a@contoso.com", "b@contoso.com", "c@contoso.com"));
        List<Long> ids = batches.mailboxIds(id);

        batches.markStatus(ids.get(0), MailboxStatus.SYNCED, null);
        batches.markStatus(ids.get(1), MailboxStatus.SYNCING, null);
        BatchProgress running = batches.progress(id);
        assertThat(running)
                .extracting(BatchProgress::total, BatchProgress::queued, BatchProgress::syncing, BatchProgress::synced)
                .containsExactly(3, 1, 1, 1);
        assertThat(running.initialSyncDone()).isFalse();
        assertThat(running.oldestLastSyncedAt()).as("c never synced").isNull();

        batches.markStatus(ids.get(1), MailboxStatus.FAILED, "Sign-in to mail.contoso.com:993 was refused");
        batches.markStatus(ids.get(2), MailboxStatus.SYNCED, null);
        BatchProgress synced = batches.progress(id);
        assertThat(synced.initialSyncDone()).isTrue();
        assertThat(synced.allFinished()).isFalse();
        assertThat(synced.oldestLastSyncedAt())
                .as("b failed before ever syncing")
                .isNull();
        assertThat(batches.mailbox(ids.get(1)).lastError()).contains("refused");

        batches.markStatus(ids.get(1), MailboxStatus.SYNCED, null);
        batches.markStatus(ids.get(0), MailboxStatus.COMPLETED, null);
        BatchProgress later = batches.progress(id);
        assertThat(later.oldestLastSyncedAt())
                .isEqualTo(batches.mailbox(ids.get(2)).lastSyncedAt());
        assertThat(batches.mailbox(ids.get(1)).lastError()).isNull();

        batches.markStatus(ids.get(1), MailboxStatus.COMPLETED, null);
        batches.markStatus(ids.get(2), MailboxStatus.FAILED, "Connection reset by mail.contoso.com:993");
        assertThat(batches.progress(id).allFinished())
                .as("a failed sync is retried: not finished")
                .isFalse();

        batches.markStatus(ids.get(2), MailboxStatus.LEFT_OUT, "Left out by the operator: gone");
        BatchProgress done = batches.progress(id);
        assertThat(done.leftOut()).isEqualTo(1);
        assertThat(done.failed()).isZero();
        assertThat(done.allFinished()).isTrue();
        assertThat(done.summary()).isEqualTo("3 mailboxes: 0 queued, 0 syncing, 0 synced, 0 failed, 1 left out");
    }

    @Test
    void aLongErrorIsKeptAsFarAsItsColumnGoes() {
        long id = batches.createBatch("Wave 1", "contoso.com", source, target, List.of("a@contoso.com"));
        long mailbox = batches.mailboxIds(id).get(0);

        batches.markStatus(mailbox, MailboxStatus.FAILED, "NO [UNAVAILABLE] " + "backend busy; ".repeat(400));

        assertThat(batches.mailbox(mailbox).lastError())
                .hasSize(2000)
                .startsWith("NO [UNAVAILABLE] backend busy;")
                .endsWith("…");
    }

    @Test
    void finalSyncRequestAndDeletionAreRecorded() {
        long id = batches.createBatch("Wave 1", "contoso.com", source, target, List.of("a@contoso.com"));

        long mailbox = batches.mailboxIds(id).get(0);
        assertThat(batches.finalSyncRequested(mailbox)).isFalse();
        batches.requestFinalSync(id, batches.mailboxIds(id));
        batches.deleteBatch(id);

        assertThat(batches.finalSyncRequested(mailbox)).isTrue();
        assertThat(batches.batch(id).finalSyncRequested()).isTrue();
        assertThat(batches.batch(id).deletedAt()).isNotNull();
        assertThat(batches.batch(id).deleted()).isTrue();
    }

    /**
     * Two slices of one batch, each holding its own mailbox row until its job commits, read the final-sync flag at
     * the same time: neither waits for the other (they used to lock the shared batch row, which deadlocked slices
     * on PostgreSQL).
     */
    @Test
    void slicesOfOneBatchReadTheFinalSyncFlagWithoutWaitingForEachOther() throws Exception {
        long id =
                batches.createBatch("Wave 1", "contoso.com", source, target, List.of("a@contoso.com", "b@contoso.com"));
        List<Long> mailboxes = batches.mailboxIds(id);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<Boolean> firstFlag = first.submit(() -> tx.execute(status -> {
                batches.releaseSyncLease(mailboxes.get(0)); // the slice's own row, held until commit
                boolean flag = batches.finalSyncRequested(mailboxes.get(0));
                firstHolds.countDown();
                await(secondDone);
                return flag;
            }));
            assertThat(firstHolds.await(10, TimeUnit.SECONDS)).isTrue();
            Boolean secondFlag = tx.execute(status -> {
                batches.releaseSyncLease(mailboxes.get(1));
                return batches.finalSyncRequested(mailboxes.get(1));
            });
            secondDone.countDown();
            assertThat(secondFlag).isFalse();
            assertThat(firstFlag.get(10, TimeUnit.SECONDS)).isFalse();
        } finally {
            secondDone.countDown();
            first.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void unknownIdsAreReportedAsSuch() {
        assertThatThrownBy(() -> batches.batch(999))
                .isInstanceOf(BatchNotFoundException.class)
                .hasMessageContaining("999");
        assertThatThrownBy(() -> batches.markStatus(999, MailboxStatus.SYNCED, null))
                .isInstanceOf(BatchNotFoundException.class);
    }
}

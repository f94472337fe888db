package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import io.mailferry.text.Rendered;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Flags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.unit.DataSize;

class MailboxSyncServiceTest {
    static final String USER = "user01@contoso.com";
    static final String PASSWORD = "Migr4tion-Temp!";
    static final Instant JAN = Instant.parse("2021-01-15T08:30:00Z");

    /**
     * GreenMail's hierarchy separator is '.', so "evil.example" makes this a folder inside another; and GreenMail
     * takes '*' in a name for a LIST wildcard, so the emphasis is written with underscores.
     */
    static final String PARENT =
            "<img src=x onerror=alert(1)> __Store the Exchange admin password again__ [here](http://evil";

    static final String FOLDER = PARENT + ".example) ` ``` ~~~ # | x |";

    GreenMail source;
    GreenMail target;
    JdbcTemplate jdbc;
    DataSource ds;
    MigrationBatchService batches;
    MigrationEndpointService endpoints;
    SecretStore secrets;
    long mailboxId;
    long batchId;

    @BeforeEach
    void setUp() {
        source = Imap.start();
        target = Imap.start();
        source.setUser(USER, USER, PASSWORD);
        target.setUser(USER, USER, PASSWORD);
        ds = TestDatabase.migrated();
        jdbc = new JdbcTemplate(ds);
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        batches = new MigrationBatchService(jdbc, new DataSourceTransactionManager(ds));
        ImapServer sourceServer = new ImapServer("127.0.0.1", Imap.port(source), ImapSecurity.NONE);
        ImapServer targetServer = new ImapServer("127.0.0.1", Imap.port(target), ImapSecurity.NONE);
        endpoints =
                new MigrationEndpointService(jdbc, secrets, PlaintextEndpoints.allowing(sourceServer, targetServer));
        long sourceEndpoint = endpoints.create(
                "Exchange",
                sourceServer,
                null,
                secrets.store(
                        Purpose.imapLogin("127.0.0.1", sourceServer.port()),
                        "source",
                        PASSWORD.toCharArray(),
                        "operator"),
                LoginMode.SHARED_PASSWORD);
        long targetEndpoint = endpoints.create(
                "M365",
                targetServer,
                null,
                secrets.store(
                        Purpose.imapLogin("127.0.0.1", targetServer.port()),
                        "target",
                        PASSWORD.toCharArray(),
                        "operator"),
                LoginMode.SHARED_PASSWORD);
        batchId = batches.createBatch("Wave 1", "contoso.com", sourceEndpoint, targetEndpoint, List.of(USER));
        mailboxId = batches.mailboxIds(batchId).get(0);
    }

    @AfterEach
    void tearDown() {
        source.stop();
        target.stop();
    }

    MailboxSyncService sync() {
        return new MailboxSyncService(jdbc, batches, endpoints, SyncProperties.defaults());
    }

    long put(String folder, byte[] raw, Flags flags, Instant date) throws Exception {
        return Imap.append(source, USER, PASSWORD, folder, raw, flags, date);
    }

    List<Imap.Stored> targetMessages(String folder) throws Exception {
        return Imap.read(target, USER, PASSWORD, folder);
    }

    @Test
    void initialSyncCopiesNestedFoldersByteForByteWithFlagsAndInternalDates() throws Exception {
        Flags seenFlagged = new Flags(Flags.Flag.SEEN);
        seenFlagged.add(Flags.Flag.FLAGGED);
        seenFlagged.add("$Label1");
        put("INBOX", Imap.message("<a@contoso.com>", "Hello", "Grüße aus Köln"), seenFlagged, JAN);
        put("INBOX", Imap.message("<b@contoso.com>", "Unread", "second"), new Flags(), JAN.plusSeconds(60));
        put("Projects", Imap.message("<c@contoso.com>", "Plan", "plan"), new Flags(Flags.Flag.ANSWERED), JAN);
        put("Projects.2024", Imap.message("<d@contoso.com>", "Budget", "budget"), new Flags(Flags.Flag.DRAFT), JAN);
        put("Sent Items", Imap.message("<e@contoso.com>", "Reply", "sent"), new Flags(Flags.Flag.SEEN), JAN);

        SliceResult result = sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));

        assertThat(result.complete()).isTrue();
        assertThat(result.messagesCopied()).isEqualTo(5);
        assertThat(result.bytes()).isPositive();
        for (String folder : List.of("INBOX", "Projects", "Projects.2024", "Sent Items")) {
            List<Imap.Stored> expected = Imap.read(source, USER, PASSWORD, folder);
            List<Imap.Stored> actual = targetMessages(folder);
            assertThat(actual).as(folder).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).raw())
                        .as(folder + " bytes")
                        .isEqualTo(expected.get(i).raw());
                assertThat(actual.get(i).flags())
                        .as(folder + " flags")
                        .isEqualTo(expected.get(i).flags());
                assertThat(actual.get(i).internalDate())
                        .isEqualTo(expected.get(i).internalDate());
            }
        }
        assertThat(targetMessages("INBOX").get(0).flags()).isEqualTo("$Label1 \\Flagged \\Seen");
        assertThat(targetMessages("INBOX").get(0).internalDate()).isEqualTo(JAN);
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.SYNCED);
        assertThat(batches.mailbox(mailboxId).lastSyncedAt()).isNotNull();
    }

    @Test
    void missingAndSharedMessageIdsAreCopiedOnceAndReRunsCopyNothing() throws Exception {
        put("INBOX", Imap.message(null, "No id", "no message id here"), new Flags(), JAN);
        put("INBOX", Imap.message("<same@contoso.com>", "First", "one"), new Flags(), JAN);
        put("INBOX", Imap.message("<same@contoso.com>", "Second", "two, longer"), new Flags(), JAN);

        assertThat(sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5))
                        .messagesCopied())
                .isEqualTo(3);
        SliceResult again = sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));

        assertThat(again.complete()).isTrue();
        assertThat(again.messagesCopied()).isZero();
        assertThat(targetMessages("INBOX"))
                .extracting(Imap.Stored::text)
                .anyMatch(t -> t.contains("Subject: No id"))
                .anyMatch(t -> t.contains("Subject: First"))
                .anyMatch(t -> t.contains("Subject: Second"))
                .hasSize(3);
    }

    @Test
    void deltaCopiesNewMessagesAndFlagChangesOnly() throws Exception {
        long uid = put("INBOX", Imap.message("<a@contoso.com>", "Old", "old"), new Flags(), JAN);
        sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        put("INBOX", Imap.message("<new@contoso.com>", "New", "new"), new Flags(), JAN.plusSeconds(3600));
        Imap.setFlag(source, USER, PASSWORD, "INBOX", uid, new Flags(Flags.Flag.SEEN), true);

        SliceResult delta = sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));

        assertThat(delta.messagesCopied()).isEqualTo(1);
        assertThat(delta.flagsUpdated()).isEqualTo(1);
        assertThat(targetMessages("INBOX")).extracting(Imap.Stored::flags).containsExactly("\\Seen", "");

        Imap.setFlag(source, USER, PASSWORD, "INBOX", uid, new Flags(Flags.Flag.SEEN), false);
        SliceResult unseen = sync().syncSlice(mailboxId, SyncPass.FINAL, Duration.ofMinutes(5));
        assertThat(unseen.flagsUpdated()).isEqualTo(1);
        assertThat(targetMessages("INBOX")).extracting(Imap.Stored::flags).containsExactly("", "");
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.COMPLETED);
    }

    @Test
    void sourceDeletionsStayOnTheTargetUnlessMirroringIsConfigured() throws Exception {
        long doomed = put("INBOX", Imap.message("<gone@contoso.com>", "Gone", "gone"), new Flags(), JAN);
        put("INBOX", Imap.message("<kept@contoso.com>", "Kept", "kept"), new Flags(), JAN);
        sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        Imap.setFlag(source, USER, PASSWORD, "INBOX", doomed, new Flags(Flags.Flag.DELETED), true);
        Imap.expunge(source, USER, PASSWORD, "INBOX");

        assertThat(sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5))
                        .deleted())
                .isZero();
        assertThat(targetMessages("INBOX")).hasSize(2);

        MailboxSyncService mirroring = new MailboxSyncService(
                jdbc, batches, endpoints, SyncProperties.defaults().mirroringDeletions());
        assertThat(mirroring
                        .syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5))
                        .deleted())
                .isEqualTo(1);
        assertThat(targetMessages("INBOX"))
                .extracting(Imap.Stored::text)
                .singleElement()
                .satisfies(text -> assertThat(text).contains("<kept@contoso.com>"));
        assertThat(mirroring
                        .syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5))
                        .deleted())
                .isZero();
    }

    @Test
    void statisticsSumEachPassAndANewDeltaRunStartsAfresh() throws Exception {
        byte[] first = Imap.message("<s1@contoso.com>", "One", "one");
        put("INBOX", first, new Flags(), JAN);
        put("Archive", Imap.message("<s2@contoso.com>", "Two", "two"), new Flags(), JAN);
        sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));
        put("INBOX", Imap.message("<s3@contoso.com>", "Three", "three"), new Flags(), JAN);
        sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));

        List<PassStatistics> stats = sync().statistics(mailboxId);
        assertThat(stats).extracting(PassStatistics::pass).containsExactly("INITIAL", "DELTA");
        PassStatistics initial = stats.get(0);
        assertThat(initial.copied()).isEqualTo(2);
        assertThat(initial.bytes()).isGreaterThan(first.length);
        assertThat(initial.lastSyncedAt()).isNotNull();
        assertThat(initial.errors()).isZero();
        PassStatistics delta = stats.get(1);
        assertThat(delta.copied()).as("the latest delta run only").isEqualTo(1);
        assertThat(delta.slices()).isEqualTo(1);
    }

    @Test
    void lastSyncedTimeIsWhenTheCompletingPassStartedNotWhenItEnded() throws Exception {
        put("INBOX", Imap.message("<t1@contoso.com>", "One", "one"), new Flags(), JAN);
        put("INBOX", Imap.message("<t2@contoso.com>", "Two", "two"), new Flags(), JAN);
        Instant beforeFirstSlice = Instant.now();
        SliceResult first = sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ZERO);
        assertThat(first.complete()).isFalse();
        Thread.sleep(50);
        Instant beforeLastSlice = Instant.now();
        while (!sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ZERO).complete()) {
            Thread.sleep(5);
        }

        Instant synced = batches.mailbox(mailboxId).lastSyncedAt();
        assertThat(synced).as("the pass began with its first slice").isBetween(beforeFirstSlice, beforeLastSlice);
    }

    @Test
    void whatASliceCopiedAndWhyItFailedSurviveTheRollbackOfTheJobsTransaction() throws Exception {
        put("INBOX", Imap.message("<tx@contoso.com>", "Tx", "tx"), new Flags(), JAN);
        org.springframework.transaction.support.TransactionTemplate job =
                new org.springframework.transaction.support.TransactionTemplate(new DataSourceTransactionManager(ds));
        job.executeWithoutResult(status -> sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1)));
        target.setUser("user02@contoso.com", "user02@contoso.com", PASSWORD);
        put("INBOX", Imap.message("<tx2@contoso.com>", "Tx2", "tx2"), new Flags(), JAN);
        jdbc.update("UPDATE mf_batch_mailbox SET target_address = 'nobody@contoso.com' WHERE id = ?", mailboxId);

        assertThatThrownBy(() ->
                job.executeWithoutResult(status -> sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(1))));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_sync_message", Integer.class))
                .as("the map entry written in the first job stays")
                .isEqualTo(1);
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.FAILED);
        assertThat(sync().statistics(mailboxId))
                .filteredOn(p -> p.pass().equals("DELTA"))
                .singleElement()
                .satisfies(delta -> assertThat(delta.errors()).isEqualTo(1));
    }

    @Test
    void aSecondSliceOfTheSameMailboxStaysOutWhileTheFirstHoldsItsLease() throws Exception {
        put("INBOX", Imap.message("<lease@contoso.com>", "Lease", "lease"), new Flags(), JAN);
        Instant now = Instant.now();
        assertThat(batches.takeSyncLease(mailboxId, "first run", now, now.plusSeconds(60)))
                .as("the first slice")
                .isTrue();
        SyncProperties defaults = SyncProperties.defaults();
        MailboxSyncService waitingBriefly = new MailboxSyncService(
                jdbc,
                batches,
                endpoints,
                defaults.withLimit(defaults.maxMailboxesPerEndpoint(), Duration.ofMillis(600)));

        long started = System.nanoTime();
        SliceResult second = waitingBriefly.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("waited for the mailbox instead of returning at once into a loop of empty slices")
                .isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(second.complete()).isFalse();
        assertThat(second.messagesCopied()).isZero();
        assertThat(targetMessages("INBOX")).isEmpty();

        batches.releaseSyncLease(mailboxId);
        assertThat(sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1))
                        .messagesCopied())
                .isEqualTo(1);
        assertThat(batches.takeSyncLease(
                        mailboxId, "later run", Instant.now(), Instant.now().plusSeconds(1)))
                .as("a finished slice gives the mailbox back")
                .isTrue();
    }

    /** A node that stopped mid-slice leaves its lease behind; the next slice waits for it rather than spinning. */
    @Test
    void aSliceWaitingForTheMailboxGoesOnOnceTheOtherSliceGivesItBack() throws Exception {
        put("INBOX", Imap.message("<handover@contoso.com>", "Handover", "h"), new Flags(), JAN);
        Instant now = Instant.now();
        assertThat(batches.takeSyncLease(mailboxId, "stopped node", now, now.plusSeconds(60)))
                .isTrue();
        java.util.concurrent.CompletableFuture<SliceResult> waiting =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1)));
        Thread.sleep(700);
        assertThat(waiting).as("still waiting for the mailbox").isNotDone();

        batches.releaseSyncLease(mailboxId);

        SliceResult result = waiting.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(result.messagesCopied()).isEqualTo(1);
        assertThat(targetMessages("INBOX")).hasSize(1);
    }

    @Test
    void aFailedSliceIsCountedAsAnErrorOfItsPass() throws Exception {
        target.setUser(USER, USER, "changed-password");
        assertThatThrownBy(() -> sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1)));

        PassStatistics initial = sync().statistics(mailboxId).get(0);
        assertThat(initial.errors()).isEqualTo(1);
        assertThat(initial.lastError())
                .contains("127.0.0.1:" + Imap.port(target))
                .doesNotContain(PASSWORD);
        assertThat(initial.lastSyncedAt()).isNull();
    }

    /** The turns are rows in the database: a slice on another node (another service on the same tables) counts. */
    @Test
    void aMailboxWaitsWhileAnotherNodeHoldsEveryTurnOnItsEndpointsAndDoesNothingMeanwhile() throws Exception {
        put("INBOX", Imap.message("<w@contoso.com>", "Wait", "wait"), new Flags(), JAN);
        SyncProperties oneTurn = SyncProperties.defaults().withLimit(1, Duration.ofMillis(600));
        MailboxSyncService thisNode = new MailboxSyncService(jdbc, batches, endpoints, oneTurn);
        MailboxSyncService otherNode = new MailboxSyncService(jdbc, batches, endpoints, oneTurn);
        long source = batches.batch(batchId).sourceEndpointId();
        long target = batches.batch(batchId).targetEndpointId();
        assertThat(otherNode
                        .slots()
                        .acquire(
                                source,
                                target,
                                "other node's slice",
                                Instant.now().plusSeconds(60),
                                Duration.ZERO))
                .isTrue();
        assertThat(thisNode.slots().inUse(source)).isEqualTo(1);

        SliceResult waited = thisNode.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1));
        assertThat(waited.complete()).isFalse();
        assertThat(waited.messagesCopied()).isZero();
        assertThat(targetMessages("INBOX")).isEmpty();
        assertThat(thisNode.slots().inUse(target))
                .as("a refused turn holds nothing")
                .isEqualTo(1);

        otherNode.slots().release("other node's slice");
        assertThat(thisNode.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1))
                        .messagesCopied())
                .isEqualTo(1);
        assertThat(thisNode.slots().inUse(source))
                .as("a finished slice gives its turns back")
                .isZero();
    }

    /**
     * Issue 12: a node syncs many mailboxes at once, as many as the endpoint limit lets it and never more; each slice
     * runs on its own job thread, here one thread each, started together.
     */
    @Test
    void slicesOfManyMailboxesOverlapUpToTheEndpointLimitAndNeverBeyondIt() throws Exception {
        int limit = 3;
        List<String> users = java.util.stream.IntStream.rangeClosed(11, 16)
                .mapToObj(i -> "user" + i + "@contoso.com")
                .toList();
        for (String user : users) {
            source.setUser(user, user, PASSWORD);
            target.setUser(user, user, PASSWORD);
            for (int m = 0; m < 8; m++) {
                Imap.append(
                        source,
                        user,
                        PASSWORD,
                        "INBOX",
                        Imap.message("<" + m + "." + user + ">", user + " " + m, "x".repeat(2000)),
                        new Flags(),
                        JAN);
            }
        }
        long sourceEndpoint = batches.batch(batchId).sourceEndpointId();
        long wave = batches.createBatch(
                "Wave 2", "contoso.com", sourceEndpoint, batches.batch(batchId).targetEndpointId(), users);
        MailboxSyncService node = new MailboxSyncService(
                jdbc, batches, endpoints, SyncProperties.defaults().withLimit(limit, Duration.ofSeconds(60)));
        java.util.concurrent.ExecutorService jobThreads =
                java.util.concurrent.Executors.newFixedThreadPool(users.size());
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<SliceResult>> slices = new java.util.ArrayList<>();
        for (long id : batches.mailboxIds(wave)) {
            slices.add(jobThreads.submit(() -> {
                go.await();
                return node.syncSlice(id, SyncPass.INITIAL, Duration.ofMinutes(2));
            }));
        }

        go.countDown();
        int most = 0;
        while (!slices.stream().allMatch(java.util.concurrent.Future::isDone)) {
            most = Math.max(most, node.slots().inUse(sourceEndpoint));
            Thread.sleep(2);
        }
        jobThreads.shutdown();

        assertThat(most).as("mailboxes syncing at once").isEqualTo(limit);
        for (java.util.concurrent.Future<SliceResult> slice : slices) {
            assertThat(slice.get().complete()).isTrue();
            assertThat(slice.get().messagesCopied()).isEqualTo(8);
        }
        for (String user : users) {
            assertThat(Imap.read(target, user, PASSWORD, "INBOX")).hasSize(8);
        }
        assertThat(node.slots().inUse(sourceEndpoint)).isZero();
    }

    /** A node that died holding a turn gives it back when its lease runs out. */
    @Test
    void aTurnWhoseLeaseRanOutIsTakenOver() throws Exception {
        put("INBOX", Imap.message("<t@contoso.com>", "Takeover", "t"), new Flags(), JAN);
        SyncProperties oneTurn = SyncProperties.defaults().withLimit(1, Duration.ofMillis(100));
        MailboxSyncService thisNode = new MailboxSyncService(jdbc, batches, endpoints, oneTurn);
        long source = batches.batch(batchId).sourceEndpointId();
        long target = batches.batch(batchId).targetEndpointId();
        assertThat(thisNode.slots()
                        .acquire(
                                source,
                                target,
                                "dead node's slice",
                                Instant.now().minusSeconds(1),
                                Duration.ZERO))
                .isTrue();

        assertThat(thisNode.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1))
                        .messagesCopied())
                .isEqualTo(1);
    }

    /**
     * A slice whose lease was taken over (its node stalled past the lease, another run took the mailbox) stops at the
     * next message and leaves status and statistics to the run that owns the mailbox now.
     */
    @Test
    void aSliceThatLosesItsLeaseStopsAndLeavesTheMailboxToTheNewOwner() throws Exception {
        for (int i = 0; i < 5; i++) {
            put("INBOX", Imap.message("<l" + i + "@contoso.com>", "Lost " + i, "l" + i), new Flags(), JAN);
        }
        MailboxSync engine = new MailboxSync(jdbc, new SyncOptions(1 << 20, 1, true), java.time.Clock.systemUTC());
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        try (var source = endpoints.connect(
                        endpoints.endpoint(batches.batch(batchId).sourceEndpointId()), USER);
                var targetStore = endpoints.connect(
                        endpoints.endpoint(batches.batch(batchId).targetEndpointId()), USER)) {
            SliceResult lost = engine.run(
                    mailboxId,
                    source,
                    targetStore,
                    Instant.now().plusSeconds(60),
                    // asked before the folder and before each message: lost after the first message or two
                    () -> asked.incrementAndGet() > 4);

            assertThat(lost.complete()).isFalse();
            assertThat(lost.messagesCopied()).isBetween(1, 4);
        }
        assertThat(targetMessages("INBOX").size()).isLessThan(5);
        assertThat(sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(1))
                        .complete())
                .isTrue();
        assertThat(targetMessages("INBOX")).as("each message exactly once").hasSize(5);
    }

    @Test
    void theLeaseOutlastsTheJobLock() {
        assertThat(MailboxSyncService.leaseFor(Duration.ofMinutes(5))).isGreaterThan(Duration.ofMinutes(5));
    }

    @Test
    void crashBetweenAppendAndStateCommitLeavesExactlyOneCopy() throws Exception {
        put("INBOX", Imap.message(null, "No id", "body"), new Flags(), JAN);
        put("INBOX", Imap.message("<x@contoso.com>", "With id", "body"), new Flags(), JAN);
        sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        // The APPEND of a new message reached the target, then the process died before recording it.
        byte[] late = Imap.message("<late@contoso.com>", "Late", "late");
        put("INBOX", late, new Flags(Flags.Flag.SEEN), JAN.plusSeconds(7));
        Imap.append(target, USER, PASSWORD, "INBOX", late, new Flags(Flags.Flag.SEEN), JAN.plusSeconds(7));
        // ... and the state of the whole folder was lost as well.
        jdbc.update("DELETE FROM mf_sync_folder WHERE source_folder = 'INBOX'");

        SliceResult rerun = sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));

        assertThat(rerun.messagesCopied()).isZero();
        assertThat(targetMessages("INBOX")).hasSize(3);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM mf_sync_message WHERE target_uid IS NOT NULL", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void smallBudgetSlicesTheWorkAndEveryMessageArrivesOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            put(
                    i < 3 ? "INBOX" : "Archive.2020",
                    Imap.message("<m" + i + "@contoso.com>", "M" + i, "m" + i),
                    new Flags(),
                    JAN.plusSeconds(i));
        }
        int slices = 0;
        int copied = 0;
        SliceResult result;
        do {
            result = sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ZERO);
            slices++;
            copied += result.messagesCopied();
            if (!result.complete()) {
                assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.SYNCING);
            }
        } while (!result.complete() && slices < 20);

        assertThat(slices).isGreaterThan(2);
        assertThat(copied).isEqualTo(5);
        assertThat(targetMessages("INBOX")).hasSize(3);
        assertThat(targetMessages("Archive.2020")).hasSize(2);
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.SYNCED);
    }

    @Test
    void oversizeMessageIsSkippedWithReasonAndReported() throws Exception {
        put("INBOX", Imap.message("<big@contoso.com>", "Big", "x".repeat(20_000)), new Flags(), JAN);
        put("INBOX", Imap.message("<small@contoso.com>", "Small", "small"), new Flags(), JAN);
        MailboxSyncService limited = new MailboxSyncService(
                jdbc, batches, endpoints, SyncProperties.defaults().withMaxMessageSize(DataSize.ofKilobytes(10)));

        SliceResult result = limited.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        SliceResult again = limited.syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));

        assertThat(result.complete()).isTrue();
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.messagesCopied()).isEqualTo(1);
        assertThat(again.skipped()).isZero();
        assertThat(targetMessages("INBOX"))
                .extracting(Imap.Stored::text)
                .singleElement()
                .satisfies(t -> assertThat(t).contains("Subject: Small"));
        FolderReport inbox = limited.folderReport(mailboxId).stream()
                .filter(r -> r.sourceFolder().equals("INBOX"))
                .findFirst()
                .orElseThrow();
        assertThat(inbox.sourceMessages()).isEqualTo(2);
        assertThat(inbox.targetMessages()).isEqualTo(1);
        assertThat(inbox.skipped()).isEqualTo(1);
        assertThat(inbox.skippedReasons().get(0))
                .contains("is larger than the 10 KB limit")
                .contains("mailferry.sync.max-message-size");
    }

    /**
     * Security review finding 14 through the door a mailbox owner has: a folder whose name is HTML and Markdown (an
     * image that calls home, an instruction in bold, a link, backquotes and a fence). The mailbox syncs, the folder
     * arrives on the target under the same name, and the review form's report shows the name as text: no tag, no
     * emphasis, no link, no code span — only the characters, as numeric references the browser shows as typed.
     */
    @Test
    void theMailboxSyncsAndTheReportShowsTheFolderNameAsInertText() throws Exception {
        Instant date = Instant.parse("2024-03-01T09:00:00Z");
        Imap.append(source, USER, PASSWORD, "INBOX", Imap.message("<a@contoso.com>", "Hello", "hi"), new Flags(), date);
        Imap.append(source, USER, PASSWORD, FOLDER, Imap.message("<b@contoso.com>", "Bait", "x"), new Flags(), date);

        SliceResult result = sync().syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));

        assertThat(result.complete()).isTrue();
        assertThat(batches.mailbox(mailboxId).status()).isEqualTo(MailboxStatus.SYNCED);
        assertThat(Imap.read(target, USER, PASSWORD, FOLDER))
                .as("the folder arrives with its name intact")
                .singleElement()
                .satisfies(m -> assertThat(new String(m.raw())).contains("Subject: Bait"));

        String report = new MigrationReportService(batches, sync(), jdbc).markdown(batchId);

        String row = report.lines()
                .filter(line -> line.contains("Store the Exchange admin password again"))
                .filter(line -> line.contains("example"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for the folder in\n" + report));
        assertThat(report).doesNotContain("<img", "__Store", "[here]", "](http", "http://", "```", "`", "~~~");
        List<String> cells = List.of(row.split("\\|"));
        assertThat(cells)
                .as("the name's | splits no cell: mailbox, folder, source, target, skipped")
                .hasSize(6);
        String folderCell = cells.get(2).strip();
        Rendered.assertInert(folderCell);
        assertThat(Rendered.text(folderCell)).as("what the operator reads").isEqualTo(FOLDER);
        assertThat(cells.get(1).strip()).isEqualTo("user01&#64;contoso&#46;com");
    }

    @Test
    void deletingTheBatchStopsSynchronisation() {
        batches.deleteBatch(batchId);

        assertThatThrownBy(() -> sync().syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(1)))
                .isInstanceOf(MailboxSyncException.class)
                .hasMessageContaining("Wave 1")
                .hasMessageContaining("deleted")
                .hasMessageContaining(USER);
    }

    @Test
    void wrongPasswordFailsWithServerAndMailboxButNoPassword() throws Exception {
        source.setUser("user02@contoso.com", "user02@contoso.com", "another-password");
        long batch = batches.createBatch(
                "Wave 2",
                "contoso.com",
                batches.batch(batchId).sourceEndpointId(),
                batches.batch(batchId).targetEndpointId(),
                List.of("user02@contoso.com"));
        long mailbox = batches.mailboxIds(batch).get(0);

        assertThatThrownBy(() -> sync().syncSlice(mailbox, SyncPass.INITIAL, Duration.ofMinutes(1)))
                .isInstanceOf(MailboxSyncException.class)
                .hasMessageContaining("127.0.0.1:" + Imap.port(source))
                .hasMessageContaining("user02@contoso.com")
                .hasMessageNotContaining(PASSWORD);
        assertThat(batches.mailbox(mailbox).status()).isEqualTo(MailboxStatus.FAILED);
        assertThat(batches.mailbox(mailbox).lastError()).contains("refused").doesNotContain(PASSWORD);
    }

    @Test
    void slicesFeedTheMetricsWithWhatTheyCopiedAndHowTheyEnded() throws Exception {
        put("INBOX", Imap.message("<m1@contoso.com>", "M1", "one"), new Flags(), JAN);
        put("INBOX", Imap.message("<m2@contoso.com>", "M2", "two"), new Flags(), JAN);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MailboxSyncService measured = new MailboxSyncService(
                jdbc,
                batches,
                endpoints,
                SyncProperties.defaults().withLimit(1, Duration.ofMillis(50)),
                new SyncMetrics(registry),
                Duration.ofMinutes(5),
                Clock.systemUTC());

        measured.syncSlice(mailboxId, SyncPass.INITIAL, Duration.ofMinutes(5));
        assertThat(measured.slots()
                        .acquire(
                                batches.batch(batchId).sourceEndpointId(),
                                batches.batch(batchId).targetEndpointId(),
                                "other mailbox",
                                Instant.now().plusSeconds(60),
                                Duration.ZERO))
                .isTrue();
        measured.syncSlice(mailboxId, SyncPass.DELTA, Duration.ofMinutes(5));
        measured.slots().release("other mailbox");

        assertThat(registry.get(SyncMetrics.MESSAGES_COPIED)
                        .tag("pass", "initial")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get(SyncMetrics.BYTES_COPIED)
                        .tag("pass", "initial")
                        .counter()
                        .count())
                .isPositive();
        assertThat(registry.get(SyncMetrics.SLICES)
                        .tag("pass", "initial")
                        .tag("outcome", "complete")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(SyncMetrics.SLICES)
                        .tag("pass", "delta")
                        .tag("outcome", "no_turn")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(SyncMetrics.ENDPOINT_WAIT)
                        .tag("outcome", "no_turn")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}

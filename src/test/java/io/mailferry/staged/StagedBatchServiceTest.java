package io.mailferry.staged;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.CreatedBatch;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.batch.MigrationBatch;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.text.Rendered;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batches of a staged migration made from stored lists, and the deletion rule, against H2. */
class StagedBatchServiceTest {
    private final ListFixture fixture = new ListFixture(10_000);
    private final StagedBatchService service = new StagedBatchService(fixture.lists, fixture.batches);

    @Test
    void theSecondBatchOfA4500MailboxListHoldsRows2001To4000AllQueued() {
        MailboxList list = fixture.storeList(4500);

        CreatedBatch batch =
                service.createBatch(list.id(), 2, "contoso.com", fixture.sourceEndpoint, fixture.targetEndpoint);

        assertThat(batch.name()).isEqualTo("Staged contoso.com, list " + list.id() + ", batch 2");
        assertThat(batch.addresses())
                .hasSize(2000)
                .startsWith("user2001@contoso.com")
                .endsWith("user4000@contoso.com");
        assertThat(batch.mailboxIds()).hasSize(2000);
        List<BatchMailbox> mailboxes = fixture.batches.mailboxes(batch.batchId());
        assertThat(mailboxes).allMatch(m -> m.status() == MailboxStatus.QUEUED && m.lastSyncedAt() == null);
        assertThat(mailboxes).extracting(BatchMailbox::sourceAddress).containsExactlyElementsOf(batch.addresses());
        assertThat(fixture.batches.batch(batch.batchId()).sourceEndpointId()).isEqualTo(fixture.sourceEndpoint);
        assertThat(service.createBatch(list.id(), 3, "contoso.com", fixture.sourceEndpoint, fixture.targetEndpoint)
                        .mailboxIds())
                .hasSize(500);
    }

    @Test
    void aBatchOfADomainWithAVeryLongNameIsStoredWithItsNameCutToTheColumn() {
        MailboxList list = fixture.storeList(2);
        String domain = "mail-migration-wave-one-for-the-headquarters.".repeat(6) + "contoso.com"; // 281 characters

        CreatedBatch batch = service.createBatch(list.id(), 1, domain, fixture.sourceEndpoint, fixture.targetEndpoint);

        MigrationBatch stored = fixture.batches.batch(batch.batchId());
        assertThat(stored.name())
                .hasSize(200)
                .startsWith("Staged mail-migration-wave-one")
                .endsWith("…");
        assertThat(batch.name()).as("what the process shows is what is stored").isEqualTo(stored.name());
        assertThat(stored.domain()).hasSize(255).endsWith("…");
        assertThat(batch.mailboxIds()).hasSize(2);
    }

    @Test
    void refusesDeletionUntilEveryMailboxSyncedAfterTheMxChangeThenAllowsItAfterASync() throws Exception {
        long batchId = fixture.batchOf(3);
        for (BatchMailbox m : fixture.batches.mailboxes(batchId)) {
            fixture.batches.markStatus(m.id(), MailboxStatus.SYNCED, null); // the delta sync before the MX change
        }
        Instant lastDeltaSync = fixture.batches.progress(batchId).oldestLastSyncedAt();
        Thread.sleep(5);
        Instant mxChanged = Instant.now();

        BatchDeletionCheck refused = service.deletionCheck(batchId, mxChanged);

        assertThat(refused.deletable()).isFalse();
        assertThat(refused.finalSyncRunning()).isFalse();
        assertThat(refused.lastSyncedAt()).isEqualTo(lastDeltaSync);
        assertThat(refused.lastSyncedText()).isEqualTo(BatchDeletionCheck.time(lastDeltaSync));
        assertThat(refused.notSyncedSince())
                .hasSize(3)
                .first()
                .asString()
                .startsWith("user0")
                .contains("(last synced 20");
        assertThat(Rendered.text(refused.explanation()))
                .startsWith("3 of 3 syncing mailboxes have not synced since mail started going to "
                        + "Microsoft 365 at " + BatchDeletionCheck.time(mxChanged))
                .contains("- user01@contoso.com (last synced ");

        fixture.batches.requestFinalSync(batchId, fixture.batches.mailboxIds(batchId)); // the operator runs a sync
        assertThat(service.deletionCheck(batchId, mxChanged).finalSyncRunning())
                .as("requested, not yet done")
                .isTrue();
        Thread.sleep(5);
        for (BatchMailbox m : fixture.batches.mailboxes(batchId)) {
            fixture.batches.markStatus(m.id(), MailboxStatus.COMPLETED, null);
        }

        BatchDeletionCheck allowed = service.deletionCheck(batchId, mxChanged);
        assertThat(allowed.deletable()).isTrue();
        assertThat(allowed.finalSyncRunning()).isFalse();
        assertThat(allowed.lastSyncedAt()).isAfter(mxChanged);
        assertThat(allowed.notSyncedSince()).isEmpty();
        assertThat(allowed.explanation())
                .startsWith(
                        "Every syncing mailbox of the batch last synced after " + BatchDeletionCheck.time(mxChanged));
    }

    @Test
    void aMailboxThatNeverSyncedHoldsTheBatchBackButOneLeftOutDoesNot() {
        long batchId = fixture.batchOf(3);
        Instant beforeAnySync = Instant.now().minusSeconds(60);
        fixture.batches.markStatus(fixture.mailbox(batchId, 0).id(), MailboxStatus.SYNCED, null);
        fixture.batches.markStatus(
                fixture.mailbox(batchId, 1).id(), MailboxStatus.LEFT_OUT, "Left out by the operator: LOGIN refused");

        BatchDeletionCheck check = service.deletionCheck(batchId, beforeAnySync);

        assertThat(check.deletable()).isFalse();
        assertThat(check.mailboxesSyncing()).isEqualTo(2);
        assertThat(check.lastSyncedAt()).isNull();
        assertThat(check.lastSyncedText()).isEqualTo("not yet: a mailbox has never finished a sync");
        assertThat(check.notSyncedSince()).containsExactly("user03@contoso.com (never synced)");

        fixture.batches.markStatus(fixture.mailbox(batchId, 2).id(), MailboxStatus.SYNCED, null);
        assertThat(service.deletionCheck(batchId, beforeAnySync).deletable())
                .as("the one left out is not waited for")
                .isTrue();
    }

    @Test
    void aMailboxWhoseLastSyncFailedHoldsTheBatchBackEvenIfItSyncedAfterTheMxChangeBefore() throws Exception {
        long batchId = fixture.batchOf(2);
        Instant mxChanged = Instant.now().minusSeconds(60);
        fixture.batches.markStatus(fixture.mailbox(batchId, 0).id(), MailboxStatus.SYNCED, null);
        long failing = fixture.mailbox(batchId, 1).id();
        fixture.batches.markStatus(failing, MailboxStatus.SYNCED, null); // after the MX change
        fixture.batches.markStatus(failing, MailboxStatus.FAILED, "Connection reset by mail.contoso.com:993");
        fixture.batches.requestFinalSync(batchId, fixture.batches.mailboxIds(batchId));

        BatchDeletionCheck check = service.deletionCheck(batchId, mxChanged);

        assertThat(check.deletable()).isFalse();
        assertThat(check.finalSyncRunning())
                .as("a failure is not waited for in silence: the operator's task explains it")
                .isFalse();
        assertThat(check.lastSyncFailed()).isEqualTo(1);
        assertThat(check.notSyncedSince())
                .singleElement()
                .asString()
                .startsWith("user02@contoso.com (last synced 20")
                .endsWith("; its last sync failed: Connection reset by mail.contoso.com:993)");
        assertThat(check.explanation())
                .startsWith("1 of 2 syncing mailboxes have not synced since mail started going to Microsoft 365")
                .contains("or their last sync failed")
                .contains("\"Resolve the mailbox problem\"");

        fixture.batches.markStatus(failing, MailboxStatus.LEFT_OUT, "Left out by the operator: gone");
        assertThat(service.deletionCheck(batchId, mxChanged).deletable())
                .as("left out, it holds nothing back")
                .isTrue();
    }

    @Test
    void aBatchWhoseMailboxesWereAllLeftOutMayBeDeleted() {
        long batchId = fixture.batchOf(2);
        fixture.batches.markStatus(
                fixture.mailbox(batchId, 0).id(), MailboxStatus.LEFT_OUT, "Left out by the operator");
        fixture.batches.markStatus(
                fixture.mailbox(batchId, 1).id(), MailboxStatus.LEFT_OUT, "Left out by the operator");

        BatchDeletionCheck check = service.deletionCheck(batchId, Instant.now());

        assertThat(check.deletable()).isTrue();
        assertThat(check.lastSyncedText()).startsWith("no mailbox of this batch is syncing any more");
    }
}

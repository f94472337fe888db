package io.mailferry.mailboxmigration;

import static io.mailferry.mailboxmigration.MailboxMigrationVariables.FINAL_SYNC_REQUESTED;
import static io.mailferry.mailboxmigration.MailboxMigrationVariables.LAST_SLICE;
import static io.mailferry.mailboxmigration.MailboxMigrationVariables.SLICE_COMPLETE;
import static io.mailferry.mailboxmigration.MailboxMigrationVariables.SOURCE_ADDRESS;
import static io.mailferry.mailboxmigration.MailboxMigrationVariables.SYNC_PASS;
import static io.mailferry.process.MigrationVariables.MAILBOX_ID;

import io.mailferry.batch.MigrationBatchService;
import io.mailferry.mailbox.MailboxSyncService;
import io.mailferry.mailbox.MailboxUnavailableException;
import io.mailferry.mailbox.SliceResult;
import io.mailferry.mailbox.SyncPass;
import io.mailferry.mailbox.SyncProperties;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.Variables;
import io.mailferry.text.Inert;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * One bounded slice of the initial, delta or final sync (the pass comes from the task's input {@code syncPass}).
 * A mailbox that cannot be opened at all becomes {@code Err_MailboxUnavailable} for the operator; any other fault is
 * technical and goes to the retry cycle, then to an incident.
 */
@Component("syncMailboxSliceDelegate")
class SyncMailboxSliceDelegate implements JavaDelegate {
    private final MailboxSyncService sync;
    private final MigrationBatchService batches;
    private final Duration budget;
    private final OwnedMigration owned;

    SyncMailboxSliceDelegate(
            MailboxSyncService sync, MigrationBatchService batches, SyncProperties properties, OwnedMigration owned) {
        this.sync = sync;
        this.batches = batches;
        this.budget = properties.sliceBudget();
        this.owned = owned;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long mailboxId = owned.mailbox(execution, MAILBOX_ID);
        SyncPass pass = SyncPass.valueOf(Variables.string(execution, SYNC_PASS));
        Variables.setDefault(
                execution,
                SOURCE_ADDRESS,
                Inert.markdown(batches.mailbox(mailboxId).sourceAddress()));
        SliceResult slice;
        try {
            slice = sync.syncSlice(mailboxId, pass, budget);
        } catch (MailboxUnavailableException e) {
            // the engine stores the message as syncError, a String variable the form shows: the server's words, inert
            throw new BpmnError(MailboxMigrationIds.ERR_MAILBOX_UNAVAILABLE, Inert.markdown(e.getMessage()));
        }
        execution.setVariable(SLICE_COMPLETE, slice.complete());
        // last, so that the mailbox row stays locked only until this job commits (see finalSyncRequested)
        execution.setVariable(FINAL_SYNC_REQUESTED, batches.finalSyncRequested(mailboxId));
        execution.setVariable(
                LAST_SLICE,
                pass + ": " + slice.messagesCopied() + " copied, " + slice.flagsUpdated() + " flag changes, "
                        + slice.skipped() + " skipped, " + slice.bytes() + " bytes");
    }
}

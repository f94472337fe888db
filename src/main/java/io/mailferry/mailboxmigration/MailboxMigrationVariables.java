package io.mailferry.mailboxmigration;

import io.mailferry.process.Recorded;

/** Names of the MailboxMigration process's variables (processes/MailboxMigration.bpmn, ResolveMailboxProblem.form). */
public final class MailboxMigrationVariables {
    /** Input of each sync task: INITIAL, DELTA or FINAL. */
    public static final String SYNC_PASS = "syncPass";

    public static final String SLICE_COMPLETE = "sliceComplete";
    /** The batch asked for the final sync; read with the mailbox row locked (see the slice delegate). */
    public static final String FINAL_SYNC_REQUESTED = "finalSyncRequested";

    @Recorded
    public static final String LAST_SLICE = "lastSlice";

    public static final String SOURCE_ADDRESS = "sourceAddress";
    /** Why the mailbox could not be opened (the error's message). */
    public static final String SYNC_ERROR = "syncError";
    /** retry or leaveOut. */
    public static final String MAILBOX_RESOLUTION = "mailboxResolution";

    private MailboxMigrationVariables() {}
}

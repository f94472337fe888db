package io.mailferry.initialsync;

import io.mailferry.process.Recorded;

/** Names of the ReviewInitialSync step's process variables (ReviewMigrationReport.form). */
public final class InitialSyncVariables {
    /** Every mailbox of the batch Synced, Failed, Completed or Left out: the batch is finished in Exchange's sense. */
    public static final String INITIAL_SYNC_DONE = "initialSyncDone";
    /** "5 mailboxes: 0 queued, 1 syncing, 3 synced, 0 failed, 1 left out" at the last check. */
    @Recorded
    public static final String BATCH_STATUS = "batchStatus";

    /** The number of the group of mailboxes one "Count the folders of each mailbox" job counts. */
    public static final String REPORT_GROUP = "reportGroup";

    public static final String MIGRATION_REPORT = "migrationReport";

    @Recorded
    public static final String REPORT_ACCEPTED = "reportAccepted";

    private InitialSyncVariables() {}
}

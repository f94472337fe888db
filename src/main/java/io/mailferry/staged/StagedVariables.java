package io.mailferry.staged;

import io.mailferry.process.Recorded;

/**
 * Names of the process variables only the staged migration and its batches use (StartStagedMigration.form,
 * UploadMailboxList.form, SynchroniseMissingUsers.form, ConfirmDirectorySync.form, StartStagedBatch.form,
 * BatchNotDeletable.form).
 */
public final class StagedVariables {
    /** atOnce or oneByOne. */
    public static final String BATCH_ORDER = "batchOrder";
    /** automatic or manual. */
    public static final String BATCH_START = "batchStart";

    public static final String MAILBOX_LIST_GIVEN = "mailboxListGiven";

    @Recorded
    public static final String DIRECTORY_SYNC_COMPLETED = "directorySyncCompleted";

    public static final String MAILBOX_LIST_FOUND = "mailboxListFound";
    public static final String MAILBOX_LIST_PROBLEM = "mailboxListProblem";
    public static final String MAILBOX_LIST_SUMMARY = "mailboxListSummary";

    @Recorded
    public static final String LIST_MAILBOX_COUNT = "listMailboxCount";

    public static final String LIST_USERS_IN_TENANT = "listUsersInTenant";
    public static final String LIST_USERS_MISSING_COUNT = "listUsersMissingCount";
    public static final String LIST_USERS_MISSING = "listUsersMissing";
    /** checkAgain or newList. */
    public static final String MISSING_USERS_RESOLUTION = "missingUsersResolution";

    /** The batch numbers of the list, the collection the batch instances run over. */
    public static final String BATCH_NUMBERS = "batchNumbers";

    public static final String BATCH_COUNT = "batchCount";
    public static final String BATCH_NUMBER = "batchNumber";
    /** Batches that reported themselves migrated and converted. */
    public static final String BATCHES_MIGRATED = "batchesMigrated";
    /** The number of the batch that reported last, sent with its message. */
    public static final String MIGRATED_BATCH_NUMBER = "migratedBatchNumber";
    /** The staged migration's process instance, which every batch reports to. */
    public static final String STAGED_MIGRATION_ID = "stagedMigrationId";

    public static final String BATCH_NAME = "batchName";
    public static final String BATCH_MAILBOXES_TEXT = "batchMailboxesText";

    @Recorded
    public static final String BATCH_START_CONFIRMED = "batchStartConfirmed";

    /** One mailbox's conversion, a local variable of each multi-instance conversion. */
    @Recorded
    public static final String CONVERSION = "conversion";

    /** Whether task 8 is done with the mailbox (converted or left out), local to its conversion. */
    public static final String MAILBOX_FINISHED = "mailboxFinished";

    /** For the operator, when a mailbox has not finished migrating: which one, why, and when it is checked again. */
    public static final String MAILBOX_ADDRESS = "mailboxAddress";

    public static final String CONVERSION_BLOCKER = "conversionBlocker";
    public static final String CONVERSION_RECHECK_TEXT = "conversionRecheckText";

    /** When mail started going to Microsoft 365, sent to every batch with its release. */
    public static final String MAIL_ROUTED_TO_CLOUD_AT = "mailRoutedToCloudAt";

    public static final String MAIL_ROUTED_TO_CLOUD_TEXT = "mailRoutedToCloudText";
    public static final String BATCH_DELETABLE = "batchDeletable";
    public static final String FINAL_SYNC_RUNNING = "finalSyncRunning";
    public static final String LAST_SYNCED_TEXT = "lastSyncedText";
    public static final String DELETION_CHECK_TEXT = "deletionCheckText";
    /** syncNow or checkAgain. */
    public static final String SYNC_BEFORE_DELETION = "syncBeforeDeletion";

    private StagedVariables() {}
}

package io.mailferry.initialsync;

/** The ids of the ReviewInitialSync model (processes/ReviewInitialSync.bpmn), spelled once for Java and the tests. */
public final class ReviewInitialSyncIds {
    public static final String PROCESS = "ReviewInitialSync";
    public static final String START_EVENT_INITIAL_SYNC_REVIEW_REQUESTED = "StartEvent_InitialSyncReviewRequested";
    public static final String TASK_CHECK_INITIAL_SYNC = "Task_CheckInitialSync";
    public static final String GATEWAY_INITIAL_SYNC_DONE = "Gateway_InitialSyncDone";
    public static final String TIMER_EVENT_INITIAL_SYNC_POLL = "TimerEvent_InitialSyncPoll";
    public static final String TASK_COUNT_MAILBOX_FOLDERS = "Task_CountMailboxFolders";
    public static final String TASK_PREPARE_MIGRATION_REPORT = "Task_PrepareMigrationReport";
    public static final String TASK_REVIEW_MIGRATION_REPORT = "Task_ReviewMigrationReport";
    public static final String END_EVENT_INITIAL_SYNC_REVIEWED = "EndEvent_InitialSyncReviewed";

    private ReviewInitialSyncIds() {}
}

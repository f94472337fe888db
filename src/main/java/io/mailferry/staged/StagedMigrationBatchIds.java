package io.mailferry.staged;

/** The ids of the StagedMigrationBatch model (processes/StagedMigrationBatch.bpmn), spelled once for Java and the tests. */
public final class StagedMigrationBatchIds {
    public static final String PROCESS = "StagedMigrationBatch";
    public static final String START_EVENT_BATCH_REQUESTED = "StartEvent_BatchRequested";
    public static final String GATEWAY_WAIT_FOR_TURN = "Gateway_WaitForTurn";
    public static final String MESSAGE_EVENT_BATCH_TURN = "MessageEvent_BatchTurn";
    public static final String GATEWAY_BATCH_TURN = "Gateway_BatchTurn";
    public static final String TASK_CREATE_MIGRATION_BATCH = "Task_CreateMigrationBatch";
    public static final String GATEWAY_START_AUTOMATICALLY = "Gateway_StartAutomatically";
    public static final String TASK_START_BATCH = "Task_StartBatch";
    public static final String GATEWAY_BATCH_STARTED = "Gateway_BatchStarted";
    public static final String SUB_PROCESS_RUN_BATCH = "SubProcess_RunBatch";
    public static final String START_EVENT_RUN_BATCH = "StartEvent_RunBatch";
    public static final String GATEWAY_START_SYNCING = "Gateway_StartSyncing";
    public static final String SUB_PROCESS_MIGRATE_MAILBOX_GROUP = "SubProcess_MigrateMailboxGroup";
    public static final String START_EVENT_MAILBOX_GROUP = "StartEvent_MailboxGroup";
    public static final String CALL_ACTIVITY_MIGRATE_MAILBOXES = "CallActivity_MigrateMailboxes";
    public static final String END_EVENT_MAILBOX_GROUP_MIGRATED = "EndEvent_MailboxGroupMigrated";
    public static final String END_EVENT_MAILBOXES_FINISHED = "EndEvent_MailboxesFinished";
    public static final String CALL_ACTIVITY_REVIEW_INITIAL_SYNC = "CallActivity_ReviewInitialSync";
    public static final String SUB_PROCESS_CONVERT_MAILBOX_GROUP = "SubProcess_ConvertMailboxGroup";
    public static final String START_EVENT_CONVERT_MAILBOX_GROUP = "StartEvent_ConvertMailboxGroup";
    public static final String SUB_PROCESS_CONVERT_MAILBOXES = "SubProcess_ConvertMailboxes";
    public static final String START_EVENT_CONVERT_MAILBOX = "StartEvent_ConvertMailbox";
    public static final String TASK_CONVERT_TO_MAIL_ENABLED_USER = "Task_ConvertToMailEnabledUser";
    public static final String GATEWAY_MAILBOX_FINISHED_MIGRATING = "Gateway_MailboxFinishedMigrating";
    public static final String END_EVENT_MAILBOX_CONVERTED = "EndEvent_MailboxConverted";
    public static final String TASK_EXPLAIN_MAILBOX_NOT_FINISHED = "Task_ExplainMailboxNotFinished";
    public static final String BOUNDARY_EVENT_RECHECK_MAILBOX = "BoundaryEvent_RecheckMailbox";
    public static final String END_EVENT_MAILBOX_GROUP_CONVERTED = "EndEvent_MailboxGroupConverted";
    public static final String TASK_REPORT_BATCH_MIGRATED = "Task_ReportBatchMigrated";
    public static final String MESSAGE_EVENT_MAIL_ROUTED_TO_CLOUD = "MessageEvent_MailRoutedToCloud";
    public static final String TASK_CHECK_BATCH_DELETABLE = "Task_CheckBatchDeletable";
    public static final String GATEWAY_BATCH_DELETABLE = "Gateway_BatchDeletable";
    public static final String TIMER_EVENT_WAIT_FOR_SYNC = "TimerEvent_WaitForSync";
    public static final String TASK_EXPLAIN_BATCH_NOT_DELETABLE = "Task_ExplainBatchNotDeletable";
    public static final String GATEWAY_SYNC_BEFORE_DELETION = "Gateway_SyncBeforeDeletion";
    public static final String TASK_REQUEST_SYNC = "Task_RequestSync";
    public static final String TASK_DELETE_MIGRATION_BATCH = "Task_DeleteMigrationBatch";
    public static final String END_EVENT_BATCH_DELETED = "EndEvent_BatchDeleted";
    public static final String END_EVENT_BATCH_FINISHED = "EndEvent_BatchFinished";
    public static final String MESSAGE_BATCH_TURN = "StagedBatchTurn";
    public static final String MESSAGE_MAIL_ROUTED_TO_CLOUD = "StagedMailRoutedToCloud";

    private StagedMigrationBatchIds() {}
}

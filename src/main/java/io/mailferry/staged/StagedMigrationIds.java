package io.mailferry.staged;

/** The ids of the StagedMigration model (processes/StagedMigration.bpmn), spelled once for Java and the tests. */
public final class StagedMigrationIds {
    public static final String PROCESS = "StagedMigration";
    public static final String START_EVENT_STAGED_MIGRATION_REQUESTED = "StartEvent_StagedMigrationRequested";
    public static final String CALL_ACTIVITY_PREPARE_SOURCE_SERVER = "CallActivity_PrepareSourceServer";
    public static final String CALL_ACTIVITY_CONNECT_MICROSOFT365 = "CallActivity_ConnectMicrosoft365";
    public static final String CALL_ACTIVITY_VERIFY_DOMAIN = "CallActivity_VerifyDomain";
    public static final String TASK_CONFIRM_DIRECTORY_SYNC = "Task_ConfirmDirectorySync";
    public static final String SUB_PROCESS_MAILBOX_LIST = "SubProcess_MailboxList";
    public static final String START_EVENT_MAILBOX_LIST = "StartEvent_MailboxList";
    public static final String GATEWAY_MAILBOX_LIST_GIVEN = "Gateway_MailboxListGiven";
    public static final String TASK_UPLOAD_MAILBOX_LIST = "Task_UploadMailboxList";
    public static final String GATEWAY_MAILBOX_LIST_ENTERED = "Gateway_MailboxListEntered";
    public static final String TASK_CHECK_MAILBOX_LIST = "Task_CheckMailboxList";
    public static final String GATEWAY_MAILBOX_LIST_FOUND = "Gateway_MailboxListFound";
    public static final String TASK_CHECK_LIST_USERS_IN_TENANT = "Task_CheckListUsersInTenant";
    public static final String GATEWAY_LIST_USERS_IN_TENANT = "Gateway_ListUsersInTenant";
    public static final String TASK_SYNCHRONISE_MISSING_USERS = "Task_SynchroniseMissingUsers";
    public static final String GATEWAY_MISSING_USERS_RESOLUTION = "Gateway_MissingUsersResolution";
    public static final String END_EVENT_MAILBOX_LIST_READY = "EndEvent_MailboxListReady";
    public static final String CALL_ACTIVITY_CONNECT_SOURCE_ENDPOINT = "CallActivity_ConnectSourceEndpoint";
    public static final String GATEWAY_START_BATCHES = "Gateway_StartBatches";
    public static final String CALL_ACTIVITY_MIGRATE_BATCHES = "CallActivity_MigrateBatches";
    public static final String SUB_PROCESS_FOLLOW_BATCHES = "SubProcess_FollowBatches";
    public static final String START_EVENT_FOLLOW_BATCHES = "StartEvent_FollowBatches";
    public static final String GATEWAY_WAIT_FOR_BATCHES = "Gateway_WaitForBatches";
    public static final String MESSAGE_EVENT_BATCH_MIGRATED = "MessageEvent_BatchMigrated";
    public static final String GATEWAY_START_NEXT_BATCH = "Gateway_StartNextBatch";
    public static final String TASK_START_NEXT_BATCH = "Task_StartNextBatch";
    public static final String GATEWAY_NEXT_BATCH_HANDLED = "Gateway_NextBatchHandled";
    public static final String GATEWAY_ALL_BATCHES_MIGRATED = "Gateway_AllBatchesMigrated";
    public static final String END_EVENT_ALL_BATCHES_MIGRATED = "EndEvent_AllBatchesMigrated";
    public static final String SUB_PROCESS_ROUTE_MAIL_TO_CLOUD = "SubProcess_RouteMailToCloud";
    public static final String START_EVENT_ROUTE_MAIL = "StartEvent_RouteMail";
    public static final String CALL_ACTIVITY_SWITCH_MAIL_ROUTING = "CallActivity_SwitchMailRouting";
    public static final String CALL_ACTIVITY_VERIFY_MAIL_ROUTING = "CallActivity_VerifyMailRouting";
    public static final String BOUNDARY_EVENT_STILL_OLD_RECORDS = "BoundaryEvent_StillOldRecords";
    public static final String END_EVENT_MAIL_ROUTED_TO_CLOUD = "EndEvent_MailRoutedToCloud";
    public static final String TASK_RELEASE_BATCHES_FOR_DELETION = "Task_ReleaseBatchesForDeletion";
    public static final String GATEWAY_BATCHES_DELETED = "Gateway_BatchesDeleted";
    public static final String CALL_ACTIVITY_LICENCES_AND_DECOMMISSIONING = "CallActivity_LicencesAndDecommissioning";
    public static final String END_EVENT_STAGED_MIGRATION_COMPLETED = "EndEvent_StagedMigrationCompleted";
    public static final String MESSAGE_BATCH_MIGRATED = "StagedBatchMigrated";
    // sent to StagedMigrationBatch (processes/StagedMigrationBatch.bpmn)
    public static final String MESSAGE_BATCH_TURN = StagedMigrationBatchIds.MESSAGE_BATCH_TURN;
    public static final String MESSAGE_MAIL_ROUTED_TO_CLOUD = StagedMigrationBatchIds.MESSAGE_MAIL_ROUTED_TO_CLOUD;

    private StagedMigrationIds() {}
}

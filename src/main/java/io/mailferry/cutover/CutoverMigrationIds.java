package io.mailferry.cutover;

/** The ids of the CutoverMigration model (processes/CutoverMigration.bpmn), spelled once for Java and the tests. */
public final class CutoverMigrationIds {
    public static final String PROCESS = "CutoverMigration";
    public static final String START_EVENT_CUTOVER_REQUESTED = "StartEvent_CutoverRequested";
    public static final String SUB_PROCESS_NOTIFY_AND_VERIFY_DOMAIN = "SubProcess_NotifyAndVerifyDomain";
    public static final String START_EVENT_NOTIFY_AND_VERIFY = "StartEvent_NotifyAndVerify";
    public static final String TASK_LIST_MAILBOX_OWNERS = "Task_ListMailboxOwners";
    public static final String TASK_SEND_MIGRATION_NOTICES = "Task_SendMigrationNotices";
    public static final String CALL_ACTIVITY_CONNECT_MICROSOFT365 = "CallActivity_ConnectMicrosoft365";
    public static final String CALL_ACTIVITY_VERIFY_DOMAIN = "CallActivity_VerifyDomain";
    public static final String END_EVENT_USERS_TOLD_DOMAIN_VERIFIED = "EndEvent_UsersToldDomainVerified";
    public static final String SUB_PROCESS_PREPARE_SOURCE = "SubProcess_PrepareSource";
    public static final String START_EVENT_PREPARE_SOURCE = "StartEvent_PrepareSource";
    public static final String CALL_ACTIVITY_PREPARE_SOURCE_SERVER = "CallActivity_PrepareSourceServer";
    public static final String TASK_CHOOSE_SECURITY_GROUPS = "Task_ChooseSecurityGroups";
    public static final String GATEWAY_CREATE_SECURITY_GROUPS = "Gateway_CreateSecurityGroups";
    public static final String TASK_CHECK_SECURITY_GROUPS = "Task_CheckSecurityGroups";
    public static final String GATEWAY_SECURITY_GROUPS_EXIST = "Gateway_SecurityGroupsExist";
    public static final String TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE = "Task_CreateSecurityGroupsInExchange";
    public static final String GATEWAY_SECURITY_GROUPS_DONE = "Gateway_SecurityGroupsDone";
    public static final String END_EVENT_SOURCE_PREPARED = "EndEvent_SourcePrepared";
    public static final String CALL_ACTIVITY_CONNECT_SOURCE_ENDPOINT = "CallActivity_ConnectSourceEndpoint";
    public static final String TASK_CREATE_MIGRATION_BATCH = "Task_CreateMigrationBatch";
    public static final String GATEWAY_START_SYNCING = "Gateway_StartSyncing";
    public static final String SUB_PROCESS_MIGRATE_MAILBOX_GROUP = "SubProcess_MigrateMailboxGroup";
    public static final String START_EVENT_MAILBOX_GROUP = "StartEvent_MailboxGroup";
    public static final String TASK_CREATE_GROUP_USERS = "Task_CreateGroupUsers";
    public static final String CALL_ACTIVITY_MIGRATE_MAILBOXES = "CallActivity_MigrateMailboxes";
    public static final String END_EVENT_MAILBOX_GROUP_MIGRATED = "EndEvent_MailboxGroupMigrated";
    public static final String CALL_ACTIVITY_REVIEW_INITIAL_SYNC = "CallActivity_ReviewInitialSync";
    public static final String CALL_ACTIVITY_SWITCH_MAIL_ROUTING = "CallActivity_SwitchMailRouting";
    public static final String SUB_PROCESS_VERIFY_ROUTING_AND_FINAL_SYNC = "SubProcess_VerifyRoutingAndFinalSync";
    public static final String START_EVENT_VERIFY_ROUTING = "StartEvent_VerifyRouting";
    public static final String CALL_ACTIVITY_VERIFY_MAIL_ROUTING = "CallActivity_VerifyMailRouting";
    public static final String TASK_CONFIRM_FINAL_DELTA_SYNC = "Task_ConfirmFinalDeltaSync";
    public static final String TASK_REQUEST_FINAL_SYNC = "Task_RequestFinalSync";
    public static final String END_EVENT_FINAL_SYNC_REQUESTED = "EndEvent_FinalSyncRequested";
    public static final String BOUNDARY_EVENT_ROUTING_NOT_VERIFIED = "BoundaryEvent_RoutingNotVerified";
    public static final String GATEWAY_MAILBOXES_MIGRATED = "Gateway_MailboxesMigrated";
    public static final String TASK_DELETE_MIGRATION_BATCH = "Task_DeleteMigrationBatch";
    public static final String CALL_ACTIVITY_LICENCES_AND_DECOMMISSIONING = "CallActivity_LicencesAndDecommissioning";
    public static final String TASK_SEND_WELCOME_MESSAGES = "Task_SendWelcomeMessages";
    public static final String END_EVENT_CUTOVER_COMPLETED = "EndEvent_CutoverCompleted";

    private CutoverMigrationIds() {}
}

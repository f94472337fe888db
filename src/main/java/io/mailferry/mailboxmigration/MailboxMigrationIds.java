package io.mailferry.mailboxmigration;

/** The ids of the MailboxMigration model (processes/MailboxMigration.bpmn), spelled once for Java and the tests. */
public final class MailboxMigrationIds {
    public static final String PROCESS = "MailboxMigration";
    public static final String START_EVENT_MAILBOX_MIGRATION_REQUESTED = "StartEvent_MailboxMigrationRequested";
    public static final String TASK_INITIAL_SYNC = "Task_InitialSync";
    public static final String GATEWAY_INITIAL_SYNC_COMPLETE = "Gateway_InitialSyncComplete";
    public static final String GATEWAY_FINAL_SYNC_ALREADY_REQUESTED = "Gateway_FinalSyncAlreadyRequested";
    public static final String GATEWAY_WAIT_FOR_NEXT_SYNC = "Gateway_WaitForNextSync";
    public static final String TIMER_EVENT_DELTA_SYNC_DUE = "TimerEvent_DeltaSyncDue";
    public static final String TASK_DELTA_SYNC = "Task_DeltaSync";
    public static final String GATEWAY_DELTA_SYNC_COMPLETE = "Gateway_DeltaSyncComplete";
    public static final String MESSAGE_EVENT_FINAL_SYNC_REQUESTED = "MessageEvent_FinalSyncRequested";
    public static final String TASK_FINAL_SYNC = "Task_FinalSync";
    public static final String GATEWAY_FINAL_SYNC_COMPLETE = "Gateway_FinalSyncComplete";
    public static final String END_EVENT_MAILBOX_MIGRATED = "EndEvent_MailboxMigrated";
    public static final String BOUNDARY_EVENT_MAILBOX_UNAVAILABLE = "BoundaryEvent_MailboxUnavailable";
    public static final String TASK_RESOLVE_MAILBOX_PROBLEM = "Task_ResolveMailboxProblem";
    public static final String GATEWAY_RETRY_MAILBOX = "Gateway_RetryMailbox";
    public static final String TASK_MARK_MAILBOX_FAILED = "Task_MarkMailboxFailed";
    public static final String END_EVENT_MAILBOX_LEFT_OUT = "EndEvent_MailboxLeftOut";
    public static final String MESSAGE_FINAL_SYNC_REQUESTED = "FinalSyncRequested";
    public static final String ERR_MAILBOX_UNAVAILABLE = "Err_MailboxUnavailable";
    public static final String BOUNDARY_EVENT_DELTA_SYNC_MAILBOX_UNAVAILABLE =
            "BoundaryEvent_DeltaSyncMailboxUnavailable";
    public static final String BOUNDARY_EVENT_FINAL_SYNC_MAILBOX_UNAVAILABLE =
            "BoundaryEvent_FinalSyncMailboxUnavailable";

    private MailboxMigrationIds() {}
}

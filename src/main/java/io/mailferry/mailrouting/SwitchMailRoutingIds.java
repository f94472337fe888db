package io.mailferry.mailrouting;

import java.util.List;

/** The ids of the SwitchMailRouting model (processes/SwitchMailRouting.bpmn), spelled once for Java and the tests. */
public final class SwitchMailRoutingIds {
    public static final String PROCESS = "SwitchMailRouting";
    public static final String START_EVENT_MAIL_ROUTING_SWITCH_REQUESTED = "StartEvent_MailRoutingSwitchRequested";
    public static final String TASK_INSPECT_CURRENT_MX = "Task_InspectCurrentMx";
    public static final String GATEWAY_MX_TTL_ABOVE_HOUR = "Gateway_MxTtlAboveHour";
    public static final String TASK_LOWER_MX_TTL = "Task_LowerMxTtl";
    public static final String GATEWAY_TTL_REDUCTION = "Gateway_TtlReduction";
    public static final String TASK_APPLY_MX_TTL = "Task_ApplyMxTtl";
    public static final String TASK_CHECK_MX_TTL = "Task_CheckMxTtl";
    public static final String GATEWAY_MX_TTL_LOWERED = "Gateway_MxTtlLowered";
    public static final String TASK_RECORD_TTL_CHANGE = "Task_RecordTtlChange";
    public static final String TASK_WAIT_FOR_TTL_EXPIRY = "Task_WaitForTtlExpiry";
    public static final String GATEWAY_TTL_WAIT_MAY_END = "Gateway_TtlWaitMayEnd";
    public static final String GATEWAY_TTL_SETTLED = "Gateway_TtlSettled";
    public static final String TASK_PREPARE_DNS_RECORDS = "Task_PrepareDnsRecords";
    public static final String TASK_CHANGE_MX_AND_AUTODISCOVER = "Task_ChangeMxAndAutodiscover";
    public static final String GATEWAY_APPLY_DNS_AUTOMATICALLY = "Gateway_ApplyDnsAutomatically";
    public static final String SUB_PROCESS_APPLY_DNS_CHANGES = "SubProcess_ApplyDnsChanges";
    public static final String START_EVENT_DNS_CHANGES_REQUESTED = "StartEvent_DnsChangesRequested";
    public static final String GATEWAY_SPF_CHANGE_CHOSEN = "Gateway_SpfChangeChosen";
    public static final String TASK_ADD_SPF_INCLUDE = "Task_AddSpfInclude";
    public static final String TASK_POINT_MX_AT_MICROSOFT = "Task_PointMxAtMicrosoft";
    public static final String TASK_POINT_AUTODISCOVER_AT_MICROSOFT = "Task_PointAutodiscoverAtMicrosoft";
    public static final String END_EVENT_DNS_CHANGES_APPLIED = "EndEvent_DnsChangesApplied";
    public static final String BOUNDARY_EVENT_DNS_CHANGE_FAILED = "BoundaryEvent_DnsChangeFailed";
    public static final String TASK_LIST_DNS_CHANGES_MADE = "Task_ListDnsChangesMade";
    public static final String TASK_RESOLVE_DNS_CHANGE_FAILURE = "Task_ResolveDnsChangeFailure";
    public static final String GATEWAY_DNS_CHANGE_RESOLUTION = "Gateway_DnsChangeResolution";
    public static final String TASK_ROLL_BACK_DNS_CHANGES = "Task_RollBackDnsChanges";
    public static final String BOUNDARY_EVENT_DNS_ROLLBACK_REFUSED = "BoundaryEvent_DnsRollbackRefused";
    public static final String TASK_CHECK_DNS_CHANGES = "Task_CheckDnsChanges";
    public static final String GATEWAY_DNS_CHANGES_VISIBLE = "Gateway_DnsChangesVisible";
    public static final String GATEWAY_DNS_CHANGES_MADE = "Gateway_DnsChangesMade";
    public static final String TASK_RECORD_MX_CHANGE = "Task_RecordMxChange";
    public static final String TASK_WAIT_FOR_MX_PROPAGATION = "Task_WaitForMxPropagation";
    public static final String GATEWAY_MX_WAIT_MAY_END = "Gateway_MxWaitMayEnd";
    public static final String END_EVENT_MAIL_ROUTING_SWITCHED = "EndEvent_MailRoutingSwitched";

    /** A change of the switch was refused, or its outcome is unknown: the operator decides (roll back or retry). */
    public static final String ERR_DNS_CHANGE_FAILED = "Err_DnsChangeFailed";
    /** The rollback met records someone else changed since: back to the operator with the reason. */
    public static final String ERR_DNS_ROLLBACK_REFUSED = "Err_DnsRollbackRefused";

    /**
     * The steps whose changes "roll back the changes made so far" undoes: the switch itself. The lowered MX TTL
     * ({@link #TASK_APPLY_MX_TTL}) stays, since a retry needs it as much as the first attempt did.
     */
    public static final List<String> DNS_SWITCH_STEPS =
            List.of(TASK_ADD_SPF_INCLUDE, TASK_POINT_MX_AT_MICROSOFT, TASK_POINT_AUTODISCOVER_AT_MICROSOFT);

    private SwitchMailRoutingIds() {}
}

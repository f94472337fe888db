package io.mailferry.mailrouting;

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
    public static final String TASK_APPLY_DNS_CHANGES = "Task_ApplyDnsChanges";
    public static final String TASK_CHECK_DNS_CHANGES = "Task_CheckDnsChanges";
    public static final String GATEWAY_DNS_CHANGES_VISIBLE = "Gateway_DnsChangesVisible";
    public static final String GATEWAY_DNS_CHANGES_MADE = "Gateway_DnsChangesMade";
    public static final String TASK_RECORD_MX_CHANGE = "Task_RecordMxChange";
    public static final String TASK_WAIT_FOR_MX_PROPAGATION = "Task_WaitForMxPropagation";
    public static final String GATEWAY_MX_WAIT_MAY_END = "Gateway_MxWaitMayEnd";
    public static final String END_EVENT_MAIL_ROUTING_SWITCHED = "EndEvent_MailRoutingSwitched";

    private SwitchMailRoutingIds() {}
}

package io.mailferry.licences;

/** The ids of the LicencesAndDecommissioning model (processes/LicencesAndDecommissioning.bpmn), spelled once for Java and the tests. */
public final class LicencesAndDecommissioningIds {
    public static final String PROCESS = "LicencesAndDecommissioning";
    public static final String START_EVENT_LICENCES_REQUESTED = "StartEvent_LicencesRequested";
    public static final String TASK_ASSIGN_LICENCES = "Task_AssignLicences";
    public static final String TASK_CHECK_LICENCES = "Task_CheckLicences";
    public static final String GATEWAY_ALL_LICENSED = "Gateway_AllLicensed";
    public static final String TASK_RESOLVE_MISSING_LICENCES = "Task_ResolveMissingLicences";
    public static final String BOUNDARY_EVENT_LICENCE_GRACE_REMINDER = "BoundaryEvent_LicenceGraceReminder";
    public static final String BOUNDARY_EVENT_LICENCE_GRACE_ESCALATION = "BoundaryEvent_LicenceGraceEscalation";
    public static final String TASK_REMIND_OF_LICENCE_GRACE = "Task_RemindOfLicenceGrace";
    public static final String END_EVENT_LICENCE_REMINDER_SENT = "EndEvent_LicenceReminderSent";
    public static final String TASK_ESCALATE_LICENCE_GRACE = "Task_EscalateLicenceGrace";
    public static final String END_EVENT_LICENCE_ESCALATION_SENT = "EndEvent_LicenceEscalationSent";
    public static final String TASK_DECIDE_DECOMMISSIONING = "Task_DecideDecommissioning";
    public static final String GATEWAY_DECOMMISSION = "Gateway_Decommission";
    public static final String TASK_DECOMMISSION_EXCHANGE = "Task_DecommissionExchange";
    public static final String GATEWAY_DECOMMISSION_DECIDED = "Gateway_DecommissionDecided";
    public static final String END_EVENT_USERS_LICENSED = "EndEvent_UsersLicensed";

    private LicencesAndDecommissioningIds() {}
}

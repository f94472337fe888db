package io.mailferry.mailrouting;

/** The ids of the VerifyMailRouting model (processes/VerifyMailRouting.bpmn), spelled once for Java and the tests. */
public final class VerifyMailRoutingIds {
    public static final String PROCESS = "VerifyMailRouting";
    public static final String START_EVENT_ROUTING_CHECK_REQUESTED = "StartEvent_RoutingCheckRequested";
    public static final String TASK_VERIFY_MAIL_ROUTING = "Task_VerifyMailRouting";
    public static final String GATEWAY_ROUTING_VERIFIED = "Gateway_RoutingVerified";
    public static final String TIMER_EVENT_ROUTING_RECHECK_DELAY = "TimerEvent_RoutingRecheckDelay";
    public static final String END_EVENT_MAIL_ROUTED_TO_CLOUD = "EndEvent_MailRoutedToCloud";
    public static final String END_EVENT_ROUTING_NOT_VERIFIED = "EndEvent_RoutingNotVerified";
    public static final String ERR_ROUTING_NOT_VERIFIED = "Err_RoutingNotVerified";

    private VerifyMailRoutingIds() {}
}

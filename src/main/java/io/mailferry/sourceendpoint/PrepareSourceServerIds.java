package io.mailferry.sourceendpoint;

/** The ids of the PrepareSourceServer model (processes/PrepareSourceServer.bpmn), spelled once for Java and the tests. */
public final class PrepareSourceServerIds {
    public static final String PROCESS = "PrepareSourceServer";
    public static final String START_EVENT_SOURCE_PREPARATION_REQUESTED = "StartEvent_SourcePreparationRequested";
    public static final String TASK_CONFIRM_SOURCE_PREPARED = "Task_ConfirmSourcePrepared";
    public static final String TASK_TEST_SOURCE_SERVER = "Task_TestSourceServer";
    public static final String GATEWAY_SOURCE_SERVER_REACHABLE = "Gateway_SourceServerReachable";
    public static final String END_EVENT_SOURCE_SERVER_PREPARED = "EndEvent_SourceServerPrepared";

    private PrepareSourceServerIds() {}
}

package io.mailferry.tenantconnection;

/** The ids of the ConnectMicrosoft365 model (processes/ConnectMicrosoft365.bpmn), spelled once for Java and the tests. */
public final class ConnectMicrosoft365Ids {
    public static final String PROCESS = "ConnectMicrosoft365";
    public static final String START_EVENT_CONNECTION_REQUESTED = "StartEvent_Microsoft365ConnectionRequested";
    public static final String TASK_CONNECT_MICROSOFT365 = "Task_ConnectMicrosoft365";
    public static final String TASK_TEST_MICROSOFT365_CONNECTION = "Task_TestMicrosoft365Connection";
    public static final String GATEWAY_MICROSOFT365_CONNECTED = "Gateway_Microsoft365Connected";
    public static final String END_EVENT_MICROSOFT365_CONNECTED = "EndEvent_Microsoft365Connected";

    private ConnectMicrosoft365Ids() {}
}

package io.mailferry.sourceendpoint;

/** The ids of the ConnectSourceEndpoint model (processes/ConnectSourceEndpoint.bpmn), spelled once for Java and the tests. */
public final class ConnectSourceEndpointIds {
    public static final String PROCESS = "ConnectSourceEndpoint";
    public static final String START_EVENT_ENDPOINT_REQUESTED = "StartEvent_EndpointRequested";
    public static final String TASK_ENTER_MIGRATION_ENDPOINT = "Task_EnterMigrationEndpoint";
    public static final String TASK_CREATE_AND_TEST_ENDPOINT = "Task_CreateAndTestEndpoint";
    public static final String GATEWAY_ENDPOINT_TEST_PASSED = "Gateway_EndpointTestPassed";
    public static final String END_EVENT_SOURCE_CONNECTED = "EndEvent_SourceConnected";

    private ConnectSourceEndpointIds() {}
}

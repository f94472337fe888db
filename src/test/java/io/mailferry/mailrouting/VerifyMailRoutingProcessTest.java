package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.VerifyMailRoutingIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of VerifyMailRouting; what its error does to a caller is shown by the two migrations' tests. */
@Deployment(resources = "processes/VerifyMailRouting.bpmn")
class VerifyMailRoutingProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private ProcessTestSupport support;
    private OperatorDriver operator;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.mxSwitchStandIns();
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        return runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("domain", "contoso.com", "mxTargetHost", "contoso-com.mail.protection.outlook.com"));
    }

    @Test
    void shouldEndWhenEveryServerAnswersWithTheNewRecords() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassed(END_EVENT_MAIL_ROUTED_TO_CLOUD)
                .hasNotPassed(TIMER_EVENT_ROUTING_RECHECK_DELAY);
    }

    @Test
    void shouldCheckAgainAfterAWaitWhileSomeServerHasTheOldRecords() {
        support.outcomes("routingVerified", false, true);
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_VERIFY_MAIL_ROUTING,
                        TIMER_EVENT_ROUTING_RECHECK_DELAY,
                        TASK_VERIFY_MAIL_ROUTING,
                        END_EVENT_MAIL_ROUTED_TO_CLOUD);
    }

    @Test
    void shouldEndWithTheRoutingErrorAfterTheLastCheckSawTheOldRecords() {
        support.outcomes("routingVerified", false); // the tests allow two checks
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi).isEnded().hasPassed(END_EVENT_ROUTING_NOT_VERIFIED).hasNotPassed(END_EVENT_MAIL_ROUTED_TO_CLOUD);
        assertThat(support.calls("verifyMailRoutingDelegate")).isEqualTo(2);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName("routingStatus")
                        .singleResult()
                        .getValue())
                .asString()
                .contains("the old MX");
    }
}

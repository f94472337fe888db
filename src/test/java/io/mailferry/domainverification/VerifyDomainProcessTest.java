package io.mailferry.domainverification;

import static io.mailferry.domainverification.VerifyDomainIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
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

/** Every path of VerifyDomain, the step both runbooks call to verify the domain, with its delegates as stand-ins. */
@Deployment(resources = "processes/VerifyDomain.bpmn")
class VerifyDomainProcessTest {
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
        support.domainVerificationStandIns();
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS, "contoso.com", Map.of("domain", "contoso.com"));
    }

    @Test
    void shouldEndWhenTheDomainIsVerifiedAtTheFirstCheck() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_ADD_DOMAIN_TO_TENANT,
                        TASK_PUBLISH_VERIFICATION_RECORD,
                        TASK_CHECK_DOMAIN_VERIFICATION,
                        END_EVENT_DOMAIN_VERIFIED)
                .hasNotPassed(TASK_PUBLISH_VERIFICATION_TXT, TIMER_EVENT_DOMAIN_RECHECK_DELAY);
    }

    @Test
    void shouldPublishTheRecordThroughTheDnsUpdateServerWhenTheOperatorAsks() {
        operator.answers.put(TASK_PUBLISH_VERIFICATION_RECORD, Map.of("publishAutomatically", true));
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_PUBLISH_VERIFICATION_TXT,
                        GATEWAY_VERIFICATION_RECORD_PUBLISHED,
                        TASK_CHECK_DOMAIN_VERIFICATION);
    }

    @Test
    void shouldRecheckDnsUntilTheVerificationRecordIsVisible() {
        support.outcomes("domainVerified", false, false, true);
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(support.calls("checkDomainVerificationDelegate")).isEqualTo(3);
        assertThat(operator.taskCount).containsEntry(TASK_PUBLISH_VERIFICATION_RECORD, 1);
        assertThat(pi).isEnded().hasPassed(TIMER_EVENT_DOMAIN_RECHECK_DELAY);
    }

    @Test
    void shouldAskTheOperatorAgainWhenTheRecordStaysMissingAndCountAfreshAfterwards() {
        support.outcomes("domainVerified", false, false, false, false, true); // 3 checks per round in the tests
        ProcessInstance pi = start();
        operator.drive(pi, TASK_PUBLISH_VERIFICATION_RECORD); // the first time
        operator.complete(operator.task(TASK_PUBLISH_VERIFICATION_RECORD));
        operator.drive(pi, TASK_PUBLISH_VERIFICATION_RECORD);

        assertThat(runtimeService().getVariables(pi.getId()))
                .containsEntry("domainChecks", 0L)
                .as("Microsoft's explanation is shown on the reopened task")
                .containsKey("domainVerificationStatus");

        operator.drive(pi, null);
        assertThat(operator.taskCount).containsEntry(TASK_PUBLISH_VERIFICATION_RECORD, 2);
        assertThat(support.calls("checkDomainVerificationDelegate")).isEqualTo(5);
        assertThat(pi).isEnded();
    }
}

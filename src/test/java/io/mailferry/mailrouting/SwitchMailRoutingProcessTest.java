package io.mailferry.mailrouting;

import static io.mailferry.mailrouting.SwitchMailRoutingIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of SwitchMailRouting, the MX switch both runbooks call: the delegates are stand-ins (their services have
 * their own tests, the DNS change steps also DnsChangeStepsTest), the guards of the two DNS waits are the real ones
 * over a DNS that serves the new records.
 */
@Deployment(resources = "processes/SwitchMailRouting.bpmn")
class SwitchMailRoutingProcessTest {
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
        return runtimeService().startProcessInstanceByKey(PROCESS, "contoso.com", Map.of("domain", "contoso.com"));
    }

    private Object variable(ProcessInstance pi, String name) {
        return runtimeService().getVariable(pi.getId(), name);
    }

    @Test
    void shouldChangeTheRecordsByHandAndWaitForPropagationWhenTheTtlIsShort() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_INSPECT_CURRENT_MX,
                        GATEWAY_TTL_SETTLED,
                        TASK_PREPARE_DNS_RECORDS,
                        TASK_CHANGE_MX_AND_AUTODISCOVER,
                        TASK_CHECK_DNS_CHANGES,
                        TASK_RECORD_MX_CHANGE,
                        TASK_WAIT_FOR_MX_PROPAGATION,
                        END_EVENT_MAIL_ROUTING_SWITCHED)
                .hasNotPassed(TASK_LOWER_MX_TTL, SUB_PROCESS_APPLY_DNS_CHANGES);
    }

    @Test
    void shouldLowerTheMxTtlByHandFirstWhenItIsAboveAnHour() {
        support.outcomes("mxTtl", 86400L);
        ProcessInstance pi = start();
        operator.drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);

        assertThat(pi)
                .hasPassedInOrder(
                        TASK_INSPECT_CURRENT_MX,
                        TASK_LOWER_MX_TTL,
                        TASK_CHECK_MX_TTL,
                        TASK_RECORD_TTL_CHANGE,
                        TASK_WAIT_FOR_TTL_EXPIRY,
                        TASK_PREPARE_DNS_RECORDS)
                .hasNotPassed(TASK_APPLY_MX_TTL);
        assertThat((String) variable(pi, "ttlDnsNow")).contains("ns1.contoso.com");
    }

    @Test
    void shouldStartTheTtlWaitOnlyOnceEveryServerServesTheTtlLoweredByHand() {
        support.outcomes("mxTtl", 86400L);
        support.outcomes("mxTtlLowered", false, true);
        ProcessInstance pi = start();
        operator.drive(pi, TASK_LOWER_MX_TTL);
        operator.complete(operator.task(TASK_LOWER_MX_TTL), Map.of("ttlReduction", "byOperator"));
        support.runDueJobs();

        assertThat(pi)
                .hasPassed(TASK_CHECK_MX_TTL, GATEWAY_MX_TTL_LOWERED)
                .hasNotPassed(TASK_RECORD_TTL_CHANGE)
                .isWaitingAt(TASK_LOWER_MX_TTL);
        assertThat((String) variable(pi, "mxTtlCheck"))
                .as("shown on the task")
                .contains("ns2.contoso.com: MX 10 mail.contoso.com (TTL 86400)");

        operator.drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat(support.calls("checkMxTtlDelegate")).isEqualTo(2);
        assertThat(support.calls("recordTtlChangeDelegate")).isEqualTo(1);
        assertThat(variable(pi, "mxTtlCheck")).isNull();
    }

    @Test
    void shouldLowerTheMxTtlAutomaticallyAndRefuseToEndItsWaitEarly() {
        support.outcomes("mxTtl", 86400L);
        operator.answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "automatic"));
        operator.answers.put(TASK_WAIT_FOR_TTL_EXPIRY, Map.of());
        ProcessInstance pi = start();
        operator.drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat(pi).hasPassed(TASK_APPLY_MX_TTL).hasNotPassed(TASK_CHECK_MX_TTL);

        support.advance(Duration.ofHours(12));
        operator.complete(operator.task(TASK_WAIT_FOR_TTL_EXPIRY));
        assertThat(pi).isWaitingAt(TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat((String) variable(pi, "ttlWaitRefusal")).startsWith("The TTL wait ends at");

        support.advance(Duration.ofHours(13));
        operator.complete(operator.task(TASK_WAIT_FOR_TTL_EXPIRY));
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(GATEWAY_TTL_SETTLED, TASK_PREPARE_DNS_RECORDS)
                .isWaitingAt(TASK_CHANGE_MX_AND_AUTODISCOVER);
        assertThat(operator.taskCount).containsEntry(TASK_WAIT_FOR_TTL_EXPIRY, 2);
    }

    @Test
    void shouldSkipTheTtlReductionWhenTheOperatorAcceptsTheDelay() {
        support.outcomes("mxTtl", 86400L);
        operator.answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "skip"));
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassed(TASK_LOWER_MX_TTL)
                .hasNotPassed(TASK_RECORD_TTL_CHANGE, TASK_WAIT_FOR_TTL_EXPIRY);
    }

    @Test
    void shouldStartTheMxWaitOnlyOnceEveryServerServesTheRecordsChangedByHand() {
        support.outcomes("dnsChangesVisible", false, true);
        ProcessInstance pi = start();
        operator.drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);
        operator.complete(operator.task(TASK_CHANGE_MX_AND_AUTODISCOVER));
        support.runDueJobs();

        assertThat(pi)
                .hasPassed(TASK_CHECK_DNS_CHANGES, GATEWAY_DNS_CHANGES_VISIBLE)
                .hasNotPassed(TASK_RECORD_MX_CHANGE)
                .isWaitingAt(TASK_CHANGE_MX_AND_AUTODISCOVER);
        assertThat((String) variable(pi, "dnsChangeCheck"))
                .as("shown on the task")
                .contains("ns2.contoso.com: MX 10 mail.contoso.com");

        operator.drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        assertThat(pi).hasPassedInOrder(TASK_CHECK_DNS_CHANGES, GATEWAY_DNS_CHANGES_MADE, TASK_RECORD_MX_CHANGE);
        assertThat(support.calls("checkDnsChangesDelegate")).isEqualTo(2);
        assertThat(support.calls("recordMxChangeDelegate")).isEqualTo(1);
        assertThat((String) variable(pi, "mxDnsNow"))
                .contains("ns1.contoso.com: MX 0")
                .contains("ns1.contoso.com: CNAME autodiscover.outlook.com");
    }

    @Test
    void shouldChangeTheRecordsThroughTheDnsUpdateServerWhenTheOperatorAsks() {
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true));
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        GATEWAY_SPF_CHANGE_CHOSEN, TASK_POINT_MX_AT_MICROSOFT, TASK_POINT_AUTODISCOVER_AT_MICROSOFT)
                .hasPassedInOrder(GATEWAY_APPLY_DNS_AUTOMATICALLY, GATEWAY_DNS_CHANGES_MADE, TASK_RECORD_MX_CHANGE)
                .hasPassed(SUB_PROCESS_APPLY_DNS_CHANGES)
                .hasNotPassed(TASK_CHECK_DNS_CHANGES, TASK_ADD_SPF_INCLUDE);
    }

    @Test
    void shouldMakeEachChangeInAJobOfItsOwnSpfFirstWhenTheOperatorChoseIt() {
        support.outcomes("spfIncludeOffered", true);
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER,
                Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true, "changeSpf", true));
        ProcessInstance pi = start();
        operator.drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);
        operator.complete(operator.task(TASK_CHANGE_MX_AND_AUTODISCOVER));

        // each step commits on its own: a later failure cannot take an earlier step's change back with it
        assertThat(pi).isWaitingAt(TASK_ADD_SPF_INCLUDE);
        execute(job());
        assertThat(pi).isWaitingAt(TASK_POINT_MX_AT_MICROSOFT);
        execute(job());
        assertThat(pi).isWaitingAt(TASK_POINT_AUTODISCOVER_AT_MICROSOFT);
        execute(job());
        assertThat(pi).isWaitingAt(TASK_RECORD_MX_CHANGE);
        assertThat(pi)
                .hasPassedInOrder(
                        TASK_ADD_SPF_INCLUDE, TASK_POINT_MX_AT_MICROSOFT, TASK_POINT_AUTODISCOVER_AT_MICROSOFT)
                .hasPassed(END_EVENT_DNS_CHANGES_APPLIED, GATEWAY_DNS_CHANGES_MADE)
                .hasNotPassed(TASK_CHECK_DNS_CHANGES, TASK_LIST_DNS_CHANGES_MADE);
    }

    @Test
    void shouldOfferToRollBackTheChangesMadeSoFarWhenTheThirdFailsThenWorkOutTheRecordsAgain() {
        support.outcomes("spfIncludeOffered", true);
        support.outcomes("autodiscoverChanged", false);
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER,
                Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true, "changeSpf", true));
        ProcessInstance pi = start();
        operator.drive(pi, TASK_RESOLVE_DNS_CHANGE_FAILURE);

        assertThat(pi)
                .hasPassedInOrder(
                        TASK_ADD_SPF_INCLUDE, TASK_POINT_MX_AT_MICROSOFT, TASK_POINT_AUTODISCOVER_AT_MICROSOFT)
                .hasPassed(BOUNDARY_EVENT_DNS_CHANGE_FAILED, TASK_LIST_DNS_CHANGES_MADE)
                .hasNotPassed(END_EVENT_DNS_CHANGES_APPLIED, TASK_RECORD_MX_CHANGE)
                .isWaitingAt(TASK_RESOLVE_DNS_CHANGE_FAILURE);
        assertThat(pi).task().hasCandidateGroup("migration-operators");
        assertThat((String) variable(pi, "dnsChangeFailure"))
                .as("the error's message, shown on the task")
                .startsWith("127.0.0.1:53 accepted the update (CNAME autodiscover.contoso.com");
        assertThat((String) variable(pi, "dnsChangesMade")).contains("MX contoso.com");

        operator.complete(operator.task(TASK_RESOLVE_DNS_CHANGE_FAILURE), Map.of("dnsChangeResolution", "rollBack"));
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", false));
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_RESOLVE_DNS_CHANGE_FAILURE,
                        GATEWAY_DNS_CHANGE_RESOLUTION,
                        TASK_ROLL_BACK_DNS_CHANGES,
                        TASK_PREPARE_DNS_RECORDS,
                        TASK_CHANGE_MX_AND_AUTODISCOVER,
                        TASK_CHECK_DNS_CHANGES,
                        TASK_RECORD_MX_CHANGE);
        assertThat(support.calls("rollBackDnsChangesDelegate")).isEqualTo(1);
        assertThat(support.calls("prepareDnsRecordsDelegate"))
                .as("worked out again")
                .isEqualTo(2);
        assertThat(support.calls("pointMxAtMicrosoftDelegate")).isEqualTo(1);
        assertThat(operator.taskCount).containsEntry(TASK_CHANGE_MX_AND_AUTODISCOVER, 2);
    }

    @Test
    void shouldRetryTheChangesWithoutRollingBackOnceTheOperatorFixedTheCause() {
        support.outcomes("autodiscoverChanged", false, true);
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true));
        operator.answers.put(TASK_RESOLVE_DNS_CHANGE_FAILURE, Map.of("dnsChangeResolution", "retry"));
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(GATEWAY_DNS_CHANGE_RESOLUTION, GATEWAY_DNS_CHANGES_MADE, TASK_RECORD_MX_CHANGE)
                .hasPassed(END_EVENT_DNS_CHANGES_APPLIED)
                .hasNotPassed(TASK_ROLL_BACK_DNS_CHANGES, TASK_ADD_SPF_INCLUDE);
        assertThat(support.calls("pointAutodiscoverAtMicrosoftDelegate")).isEqualTo(2);
        assertThat(support.calls("prepareDnsRecordsDelegate")).isEqualTo(1);
        assertThat(operator.taskCount)
                .containsEntry(TASK_RESOLVE_DNS_CHANGE_FAILURE, 1)
                .containsEntry(TASK_CHANGE_MX_AND_AUTODISCOVER, 1);
    }

    @Test
    void shouldBringARefusedRollbackBackToTheOperatorWithTheReason() {
        support.outcomes("autodiscoverChanged", false, true);
        support.outcomes("dnsRolledBack", false);
        operator.answers.put(
                TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("dnsRecordsChanged", true, "applyDnsAutomatically", true));
        ProcessInstance pi = start();
        operator.drive(pi, TASK_RESOLVE_DNS_CHANGE_FAILURE);
        operator.complete(operator.task(TASK_RESOLVE_DNS_CHANGE_FAILURE), Map.of("dnsChangeResolution", "rollBack"));
        support.runDueJobs();

        assertThat(pi)
                .hasPassed(TASK_ROLL_BACK_DNS_CHANGES, BOUNDARY_EVENT_DNS_ROLLBACK_REFUSED)
                .isWaitingAt(TASK_RESOLVE_DNS_CHANGE_FAILURE);
        assertThat((String) variable(pi, "dnsChangeFailure"))
                .isEqualTo("Change 2 was not rolled back: the MX of contoso.com changed since Mailferry set it");
        assertThat(support.calls("listDnsChangesMadeDelegate"))
                .as("listed again")
                .isEqualTo(2);
        assertThat(support.calls("prepareDnsRecordsDelegate"))
                .as("not worked out again")
                .isEqualTo(1);

        operator.complete(operator.task(TASK_RESOLVE_DNS_CHANGE_FAILURE), Map.of("dnsChangeResolution", "retry"));
        operator.drive(pi, null);
        assertThat(pi).isEnded().hasPassed(END_EVENT_DNS_CHANGES_APPLIED);
    }

    @Test
    void shouldRefuseToEndTheMxWaitEarlyWithoutAReasonAndKeepTheReason() {
        operator.answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of());
        ProcessInstance pi = start();
        operator.drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        support.advance(Duration.ofHours(10));

        operator.complete(operator.task(TASK_WAIT_FOR_MX_PROPAGATION));
        assertThat(pi)
                .hasPassed(GATEWAY_MX_WAIT_MAY_END)
                .isWaitingAt(TASK_WAIT_FOR_MX_PROPAGATION)
                .hasNotPassed(END_EVENT_MAIL_ROUTING_SWITCHED);
        assertThat((String) variable(pi, "mxWaitRefusal"))
                .startsWith("The MX propagation wait ends at")
                .contains("give a reason");

        operator.complete(
                operator.task(TASK_WAIT_FOR_MX_PROPAGATION),
                Map.of("earlyCompletionReason", "MX TTL was 300 s for a week"));
        assertThat(pi).isEnded().hasPassed(END_EVENT_MAIL_ROUTING_SWITCHED);
        assertThat(historyService()
                        .createHistoricDetailQuery()
                        .processInstanceId(pi.getId())
                        .variableUpdates()
                        .list())
                .anyMatch(d -> "earlyCompletionReason".equals(((HistoricVariableUpdate) d).getVariableName())
                        && "MX TTL was 300 s for a week".equals(((HistoricVariableUpdate) d).getValue()));
    }

    @Test
    void shouldEndTheMxWaitWithoutAReasonOnceTheWaitIsOver() {
        operator.answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of());
        ProcessInstance pi = start();
        operator.drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        support.advance(Duration.ofHours(72).plusMinutes(1));
        operator.complete(operator.task(TASK_WAIT_FOR_MX_PROPAGATION));
        assertThat(pi).isEnded().hasPassed(END_EVENT_MAIL_ROUTING_SWITCHED);
    }
}

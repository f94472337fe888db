package io.mailferry.licences;

import static io.mailferry.licences.LicencesAndDecommissioningIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.staged.ListFixture;
import io.mailferry.text.Fit;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of LicencesAndDecommissioning, the post-migration step both runbooks call. */
@Deployment(resources = "processes/LicencesAndDecommissioning.bpmn")
class LicencesAndDecommissioningProcessTest {
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
        support.licenceStandIns();
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        Date graceEnds = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(30).toMillis());
        return runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("domain", "contoso.com", "batchId", 42L, "licenceGraceEndsAt", graceEnds));
    }

    @Test
    void shouldEndWithoutDecommissioningWhenEveryUserIsLicensed() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(TASK_ASSIGN_LICENCES, TASK_DECIDE_DECOMMISSIONING, END_EVENT_USERS_LICENSED)
                .hasNotPassed(TASK_RESOLVE_MISSING_LICENCES, TASK_DECOMMISSION_EXCHANGE);
    }

    @Test
    void shouldWalkTheOperatorThroughDecommissioningWhenChosen() {
        operator.answers.put(TASK_DECIDE_DECOMMISSIONING, Map.of("decommissionExchange", true));
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi).isEnded().hasPassedInOrder(TASK_DECOMMISSION_EXCHANGE, GATEWAY_DECOMMISSION_DECIDED);
    }

    @Test
    void shouldAskForLicencesOf150UnknownUsersWithAStatusTheEngineCanStore() {
        ListFixture tenant = new ListFixture(10);
        MailboxList list = tenant.storeList(ListFixture.realisticAddresses(150)); // directory sync created none
        OwnedMigration owned = ProcessTestSupport.owned(tenant.jdbc);
        Mocks.register(
                "assignLicencesDelegate",
                new AssignLicencesDelegate(
                        new LicenceService(tenant.batches, tenant.lists, tenant.tenant, null, List.of()),
                        support.timers(),
                        owned));
        Date graceEnds = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(30).toMillis());

        ProcessInstance pi = runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("domain", "contoso.com", "mailboxListId", list.id(), "licenceGraceEndsAt", graceEnds));
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com");
        owned.authority().recordMailboxList(pi.getId(), list.id());
        operator.drive(pi, TASK_RESOLVE_MISSING_LICENCES); // runs the job of Task_AssignLicences

        assertThat(pi).hasPassed(TASK_ASSIGN_LICENCES).isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "unlicensedCount")).isEqualTo(150);
        assertThat((String) runtimeService().getVariable(pi.getId(), "licenceStatus"))
                .hasSizeLessThan(Fit.VARIABLE)
                .contains("150 not in the tenant")
                .endsWith("… and 130 more");
    }

    @Test
    void shouldRemindAndEscalateWhileLicencesAreMissing() {
        support.outcomes("unlicensedCount", 3, 0);
        ProcessInstance pi = start();
        operator.drive(pi, TASK_RESOLVE_MISSING_LICENCES);

        support.advance(Duration.ofDays(24));
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(TASK_REMIND_OF_LICENCE_GRACE)
                .hasNotPassed(TASK_ESCALATE_LICENCE_GRACE)
                .isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "lastNotice")).isEqualTo("REMINDER");

        support.advance(Duration.ofDays(5));
        support.runDueJobs();
        assertThat(pi)
                .hasPassed(TASK_ESCALATE_LICENCE_GRACE, END_EVENT_LICENCE_ESCALATION_SENT)
                .isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "lastNotice")).isEqualTo("ESCALATION");

        operator.drive(pi, null);
        assertThat(pi).isEnded().hasPassed(END_EVENT_LICENCE_REMINDER_SENT);
        assertThat(support.calls("assignLicencesDelegate")).isEqualTo(2);
        assertThat(support.calls("licenceGraceNoticeDelegate")).isEqualTo(2);
    }
}

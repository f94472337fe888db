package io.mailferry.licences;

import static io.mailferry.licences.LicencesAndDecommissioningIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.staged.ListFixture;
import io.mailferry.tenant.Tenant;
import io.mailferry.text.Fit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
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
        ProcessInstance pi = startForList(tenant, tenant.tenant, list);
        operator.drive(pi, TASK_RESOLVE_MISSING_LICENCES);

        assertThat(pi).hasPassed(TASK_ASSIGN_LICENCES, TASK_CHECK_LICENCES).isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(runtimeService().getVariable(pi.getId(), "unlicensedCount")).isEqualTo(150);
        assertThat((String) runtimeService().getVariable(pi.getId(), "licenceStatus"))
                .hasSizeLessThan(Fit.VARIABLE)
                .startsWith("0 of the 150 users hold a licence; without one:")
                .contains("What Microsoft 365 answered when Mailferry assigned them")
                .contains("Group 1 of the users: 0 user(s) licensed; 100 not in the tenant")
                .endsWith("… and more groups with users Microsoft 365 left without a licence");
    }

    @Test
    void shouldLicense250UsersOneGroupPerJobAndRetryOnlyTheGroupThatFailed() {
        ListFixture fixture = new ListFixture(300);
        MailboxList list = fixture.storeList(250);
        fixture.synchroniseUsers(250);
        List<List<String>> assigned = new ArrayList<>();
        boolean[] failOnce = {true};
        Tenant tenant = (Tenant) Proxy.newProxyInstance(
                Tenant.class.getClassLoader(), new Class<?>[] {Tenant.class}, (proxy, method, args) -> {
                    if (method.getName().equals("assignLicences")) {
                        @SuppressWarnings("unchecked")
                        List<String> users = (List<String>) args[0];
                        assigned.add(users);
                        if (users.contains(ListFixture.address(150)) && failOnce[0]) {
                            failOnce[0] = false;
                            throw new IllegalStateException("Microsoft Graph answered 503 four times");
                        }
                    }
                    try {
                        return method.invoke(fixture.tenant, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ProcessInstance pi = startForList(fixture, tenant, list);

        assertThatThrownBy(support::runDueJobs).hasMessageContaining("503");
        support.runDueJobs();
        assertThat(assigned).as("a job per group, the second failed").hasSize(2);
        assertThat(assigned.get(0)).hasSize(100).startsWith(ListFixture.address(1));
        assertThat(assigned.get(1)).hasSize(100).startsWith(ListFixture.address(101));
        assertThat(fixture.tenant.unlicensedUsers(assigned.get(0)))
                .as("the first group kept its licences")
                .isEmpty();
        assertThat(fixture.tenant.unlicensedUsers(assigned.get(1))).hasSize(100);

        support.advance(Duration.ofMinutes(6)); // R5/PT5M
        support.runDueJobs();

        assertThat(assigned)
                .as("the second group again, then the third; the first not again")
                .hasSize(4);
        assertThat(assigned.get(2)).isEqualTo(assigned.get(1));
        assertThat(assigned.get(3)).hasSize(50).startsWith(ListFixture.address(201));
        assertThat(pi).hasPassed(TASK_CHECK_LICENCES).isWaitingAt(TASK_DECIDE_DECOMMISSIONING);
        assertThat(runtimeService().getVariable(pi.getId(), "unlicensedCount")).isEqualTo(0);
        assertThat(runtimeService().getVariable(pi.getId(), "licenceStatus"))
                .isEqualTo("Every one of the 250 users holds a licence");
    }

    /** The process for a staged migration's list, with the real licence step on {@code tenant}. */
    private ProcessInstance startForList(ListFixture fixture, Tenant tenant, MailboxList list) {
        OwnedMigration owned = ProcessTestSupport.owned(fixture.jdbc);
        LicenceService licences =
                new LicenceService(fixture.batches, fixture.lists, tenant, null, List.of(), new MailboxGroups());
        Mocks.register("licenceGroups", new LicenceGroups(licences, owned));
        Mocks.register("assignLicencesDelegate", new AssignLicencesDelegate(licences, owned));
        Mocks.register("checkLicencesDelegate", new CheckLicencesDelegate(licences, support.timers(), owned));
        Date graceEnds = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(30).toMillis());
        // the first step is a job: the authority is recorded before it runs, as the staged migration records it
        ProcessInstance pi = runtimeService()
                .startProcessInstanceByKey(
                        PROCESS,
                        "contoso.com",
                        Map.of("domain", "contoso.com", "mailboxListId", list.id(), "licenceGraceEndsAt", graceEnds));
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com");
        owned.authority().recordMailboxList(pi.getId(), list.id());
        return pi;
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

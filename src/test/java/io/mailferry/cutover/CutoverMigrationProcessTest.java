package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverMigrationIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.mailferry.domainverification.VerifyDomainIds;
import io.mailferry.initialsync.ReviewInitialSyncIds;
import io.mailferry.licences.LicencesAndDecommissioningIds;
import io.mailferry.mailboxmigration.MailboxMigrationIds;
import io.mailferry.mailrouting.SwitchMailRoutingIds;
import io.mailferry.mailrouting.VerifyMailRoutingIds;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OperatorDriver;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.secrets.SecretStore;
import io.mailferry.sourceendpoint.ConnectSourceEndpointIds;
import io.mailferry.sourceendpoint.PrepareSourceServerIds;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of CutoverMigration, with the real models of the steps it shares with the staged migration (each has
 * its own test of every path) and the real MailboxMigration; all delegates are stand-ins.
 */
@Deployment(
        resources = {
            "processes/CutoverMigration.bpmn",
            "processes/MailboxMigration.bpmn",
            "processes/ConnectMicrosoft365.bpmn",
            "processes/VerifyDomain.bpmn",
            "processes/PrepareSourceServer.bpmn",
            "processes/ConnectSourceEndpoint.bpmn",
            "processes/ReviewInitialSync.bpmn",
            "processes/SwitchMailRouting.bpmn",
            "processes/VerifyMailRouting.bpmn",
            "processes/LicencesAndDecommissioning.bpmn"
        })
class CutoverMigrationProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .excludeProcessDefinitionKeys(
                    MailboxMigrationIds.PROCESS,
                    ConnectMicrosoft365Ids.PROCESS,
                    VerifyDomainIds.PROCESS,
                    PrepareSourceServerIds.PROCESS,
                    ConnectSourceEndpointIds.PROCESS,
                    ReviewInitialSyncIds.PROCESS,
                    SwitchMailRoutingIds.PROCESS,
                    VerifyMailRoutingIds.PROCESS,
                    LicencesAndDecommissioningIds.PROCESS)
            .assertClassCoverageAtLeast(1.0)
            .build();

    private static final String STORED_CREDENTIAL = "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10";
    private ProcessTestSupport support;
    private OperatorDriver operator;
    private final List<String> syncPasses = new ArrayList<>();

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.delegate("listMailboxOwnersDelegate", "mailboxOwnersListed", 2, "testMailbox", "user01@contoso.com");
        CutoverNotices notices = mock(CutoverNotices.class);
        when(notices.groups(anyString())).thenReturn(List.of(0));
        Mocks.register("migrationNoticeGroups", new MigrationNoticeGroups(notices));
        support.delegate("sendMigrationNoticesDelegate", x -> x.setVariableLocal("mailboxOwnersNotified", 2));
        support.tenantConnectionStandIns();
        support.domainVerificationStandIns();
        SecretStore secrets = mock(SecretStore.class);
        when(secrets.exists(STORED_CREDENTIAL)).thenReturn(true);
        support.sourceStandIns(STORED_CREDENTIAL, secrets, () -> 1L);
        support.delegate("checkSecurityGroupsDelegate", x -> {
            boolean exist = (Boolean) support.next("securityGroupsExist", true);
            x.setVariable("securityGroupsExist", exist);
            x.setVariable("securityGroupsMissing", exist ? "(none)" : "- HR: not in the tenant");
            x.setVariable(
                    "securityGroupCommands",
                    exist
                            ? ""
                            : "New-DistributionGroup -Type Security -Name 'HR' -PrimarySmtpAddress 'hr@contoso.com'");
            if (exist) {
                x.setVariable("securityGroupsCreated", x.getVariable("securityGroupNames"));
            }
        });
        support.delegate(
                "createMigrationBatchDelegate", "batchId", 42L, "mailboxIds", List.of(1L, 2L), "mailboxCount", 2);
        support.batchSyncStandIns(syncPasses);
        support.mxSwitchStandIns();
        support.delegate("deleteMigrationBatchDelegate");
        support.licenceStandIns();
        support.delegate("sendWelcomeMessagesDelegate");
        operator = new OperatorDriver(engine, support, "contoso.com");
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS, "contoso.com", Map.of("domain", "Contoso.com"));
    }

    @Test
    void shouldRunTheEightStepsInOrderWithTheMailboxesSyncingAlongside() {
        ProcessInstance pi = start();
        operator.drive(pi, null);

        assertThat(pi)
                .isEnded()
                .hasPassedInOrder(
                        TASK_LIST_MAILBOX_OWNERS,
                        TASK_SEND_MIGRATION_NOTICES,
                        CALL_ACTIVITY_CONNECT_MICROSOFT365,
                        CALL_ACTIVITY_VERIFY_DOMAIN,
                        CALL_ACTIVITY_PREPARE_SOURCE_SERVER,
                        TASK_CHOOSE_SECURITY_GROUPS,
                        CALL_ACTIVITY_CONNECT_SOURCE_ENDPOINT,
                        TASK_CREATE_MIGRATION_BATCH,
                        CALL_ACTIVITY_REVIEW_INITIAL_SYNC,
                        CALL_ACTIVITY_SWITCH_MAIL_ROUTING,
                        CALL_ACTIVITY_VERIFY_MAIL_ROUTING,
                        TASK_CONFIRM_FINAL_DELTA_SYNC,
                        TASK_REQUEST_FINAL_SYNC,
                        TASK_DELETE_MIGRATION_BATCH,
                        CALL_ACTIVITY_LICENCES_AND_DECOMMISSIONING,
                        TASK_SEND_WELCOME_MESSAGES,
                        END_EVENT_CUTOVER_COMPLETED)
                .hasNotPassed(TASK_CHECK_SECURITY_GROUPS, BOUNDARY_EVENT_ROUTING_NOT_VERIFIED);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(pi.getId())
                        .variableName("domain")
                        .singleResult()
                        .getValue())
                .as("normalised when the cutover started")
                .isEqualTo("contoso.com");
        assertThat(historyService()
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(MailboxMigrationIds.PROCESS)
                        .completed()
                        .count())
                .isEqualTo(2);
        assertThat(syncPasses)
                .as("each mailbox: initial sync, delta syncs while DNS propagates, one final sync")
                .containsOnlyOnce("1:INITIAL", "2:INITIAL", "1:FINAL", "2:FINAL")
                .contains("1:DELTA", "2:DELTA");
        assertThat(syncPasses.indexOf("1:FINAL")).isGreaterThan(syncPasses.lastIndexOf("1:DELTA"));
    }

    @Test
    void shouldHandTheStepsTheValuesTheyNeedAndTakeBackWhatTheyFound() {
        operator.answers.put(
                PrepareSourceServerIds.TASK_CONFIRM_SOURCE_PREPARED,
                Map.of("sourceHost", "owa.contoso.com", "trustedCertificate", true, "imapReachable", true));
        ProcessInstance pi = start();
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        String connect = operator.calledInstanceId(ConnectSourceEndpointIds.PROCESS);
        assertThat(runtimeService().getVariables(connect))
                .as("what step 1 chose, in step 3; the server is the one step 2 recorded, not a variable")
                .containsEntry("testMailbox", "user01@contoso.com")
                .doesNotContainKey("sourcePort");
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(operator.calledInstanceId(PrepareSourceServerIds.PROCESS))
                        .variableName("runbook")
                        .singleResult()
                        .getValue())
                .isEqualTo("cutover");

        operator.drive(pi, ReviewInitialSyncIds.TASK_REVIEW_MIGRATION_REPORT);
        assertThat(runtimeService().getVariable(pi.getId(), "sourceEndpointId"))
                .as("the endpoint is the migration's own record, not a variable it hands on")
                .isNull();
    }

    @Test
    void shouldGoOnWhenEverySecurityGroupTheOperatorNamesExists() {
        operator.answers.put(
                TASK_CHOOSE_SECURITY_GROUPS, Map.of("createSecurityGroups", true, "securityGroupNames", "Finance, HR"));
        ProcessInstance pi = start();
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(pi)
                .hasPassedInOrder(TASK_CHOOSE_SECURITY_GROUPS, TASK_CHECK_SECURITY_GROUPS, GATEWAY_SECURITY_GROUPS_DONE)
                .hasNotPassed(TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE);
        assertThat(runtimeService().getVariable(pi.getId(), "securityGroupsCreated"))
                .isEqualTo("Finance, HR");
    }

    @Test
    void shouldShowTheCommandsForMissingSecurityGroupsAndCheckAgainUntilEveryOneExists() {
        support.outcomes("securityGroupsExist", false, false, true);
        operator.answers.put(
                TASK_CHOOSE_SECURITY_GROUPS, Map.of("createSecurityGroups", true, "securityGroupNames", "Finance, HR"));
        ProcessInstance pi = start();
        operator.drive(pi, TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE);

        assertThat(runtimeService().getVariable(pi.getId(), "securityGroupCommands"))
                .as("what the operator's task shows")
                .isEqualTo("New-DistributionGroup -Type Security -Name 'HR' -PrimarySmtpAddress 'hr@contoso.com'");
        assertThat(runtimeService().getVariable(pi.getId(), "securityGroupsCreated"))
                .isNull();
        operator.drive(pi, ConnectSourceEndpointIds.TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(operator.taskCount).containsEntry(TASK_CREATE_SECURITY_GROUPS_IN_EXCHANGE, 2);
        assertThat(support.calls("checkSecurityGroupsDelegate")).isEqualTo(3);
        assertThat(pi).hasPassed(GATEWAY_SECURITY_GROUPS_DONE);
        assertThat(runtimeService().getVariable(pi.getId(), "securityGroupsCreated"))
                .isEqualTo("Finance, HR");
    }

    @Test
    void shouldConnectToMicrosoft365BeforeTheDomainIsTouchedAndWaitUntilEveryCheckPasses() {
        support.outcomes("m365Connected", false, true);
        ProcessInstance pi = start();
        operator.drive(pi, VerifyDomainIds.TASK_PUBLISH_VERIFICATION_RECORD);

        assertThat(operator.taskCount).containsEntry(ConnectMicrosoft365Ids.TASK_CONNECT_MICROSOFT365, 2);
        assertThat(support.calls("addDomainToTenantDelegate"))
                .as("the tenant is first touched once the connection passed")
                .isEqualTo(1);
        assertThat(historyService()
                        .createHistoricActivityInstanceQuery()
                        .activityId(ConnectMicrosoft365Ids.END_EVENT_MICROSOFT365_CONNECTED)
                        .singleResult()
                        .getEndTime())
                .isBeforeOrEqualTo(historyService()
                        .createHistoricActivityInstanceQuery()
                        .activityId(VerifyDomainIds.TASK_ADD_DOMAIN_TO_TENANT)
                        .singleResult()
                        .getStartTime());
    }

    @Test
    void shouldRefuseToStartWithAPasswordAsTheReference() {
        assertThatThrownBy(() -> runtimeService()
                        .startProcessInstanceByKey(
                                PROCESS, Map.of("domain", "contoso.com", "sourceCredentialRef", "Winter2026!")))
                .hasMessageContaining("never the password itself")
                .hasMessageNotContaining("Winter2026!");
        assertThat(historyService().createHistoricProcessInstanceQuery().count())
                .isZero();
    }

    @Test
    void shouldGoBackToTheDnsChangeWithWhatDnsAnsweredWhenRoutingStaysOnTheOldMx() {
        support.outcomes("routingVerified", false, false, true); // 2 checks allowed per round
        ProcessInstance pi = start();
        operator.drive(pi, TASK_CONFIRM_FINAL_DELTA_SYNC);

        assertThat(pi).hasPassed(BOUNDARY_EVENT_ROUTING_NOT_VERIFIED);
        assertThat(operator.taskCount).containsEntry(SwitchMailRoutingIds.TASK_CHANGE_MX_AND_AUTODISCOVER, 2);
        String secondSwitch = operator.calledInstanceId(SwitchMailRoutingIds.PROCESS);
        assertThat(historyService()
                        .createHistoricVariableInstanceQuery()
                        .processInstanceId(secondSwitch)
                        .variableName("routingError")
                        .singleResult()
                        .getValue())
                .as("shown on the second change's form")
                .isEqualTo("ns1.contoso.com: MX 10 mail.contoso.com (the old MX)");
        assertThat(historyService()
                        .createHistoricProcessInstanceQuery()
                        .processDefinitionKey(SwitchMailRoutingIds.PROCESS)
                        .count())
                .isEqualTo(2);
    }

    @Test
    void shouldStartTheMailboxesOfABatchOneGroupPerJob() {
        Mocks.register("mailboxGroups", new MailboxGroups(2));
        List<Long> mailboxIds = List.of(11L, 12L, 13L, 14L, 15L);
        ProcessInstance pi = runtimeService()
                .createProcessInstanceByKey(PROCESS)
                .businessKey("contoso.com")
                .setVariables(Map.of("batchId", 42L, "mailboxIds", mailboxIds))
                .startBeforeActivity(SUB_PROCESS_MIGRATE_MAILBOX_GROUP + "#multiInstanceBody")
                .execute();

        List<Job> groups = managementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .list();
        assertThat(groups).as("one job per group of at most two mailboxes").hasSize(3);
        assertThat(mailboxMigrations()).as("no mailbox started with the groups").isEmpty();
        assertThat(support.growthPerJob(groups, () -> mailboxMigrations().size()))
                .as("each group's job starts its own mailboxes")
                .containsExactlyInAnyOrder(2L, 2L, 1L);
        assertThat(mailboxMigrations().stream()
                        .map(m -> runtimeService().getVariable(m.getId(), "mailboxId"))
                        .toList())
                .as("every mailbox once")
                .containsExactlyInAnyOrderElementsOf(mailboxIds);
        for (ProcessInstance mailbox : mailboxMigrations()) {
            assertThat(mailbox).isWaitingAt(MailboxMigrationIds.TASK_INITIAL_SYNC);
        }
    }

    private static List<ProcessInstance> mailboxMigrations() {
        return runtimeService()
                .createProcessInstanceQuery()
                .processDefinitionKey(MailboxMigrationIds.PROCESS)
                .list();
    }
}

package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverMigrationIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;

import io.mailferry.process.ProcessTestSupport;
import io.mailferry.secrets.SecretStore;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of CutoverMigration, with the delegates replaced by stand-ins and the real MailboxMigration as the
 * called process. A small driver completes whatever user task is open with an operator's usual answer, so each
 * test only states what is special about its path.
 */
@Deployment(resources = {"processes/CutoverMigration.bpmn", "processes/MailboxMigration.bpmn"})
class CutoverMigrationProcessTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(ProcessTestSupport.ENGINE_CONFIGURATION)
            .excludeProcessDefinitionKeys("MailboxMigration").assertClassCoverageAtLeast(1.0).build();

    private static final String STORED_CREDENTIAL = "secret:2f1c7a9e-5b7d-4c61-9a0e-3d8f6b2e4c10";
    private ProcessTestSupport support;
    /** Answers per user task that differ from the operator's usual ones. */
    private final Map<String, Map<String, Object>> answers = new HashMap<>();
    private final Map<String, Integer> taskCount = new HashMap<>();
    private final List<String> syncPasses = new java.util.ArrayList<>();

    @BeforeEach
    void setUp(ProcessEngine engine) {
        support = new ProcessTestSupport(engine);
        support.delegate("applyCutoverDefaultsDelegate", "sourceHost", "mail.contoso.com", "sourcePort", 993L,
                "sourceSecurity", "TLS", "dnsAutomationAvailable", false, "publishAutomatically", false, "sourceCredentialRef", STORED_CREDENTIAL,
                "applyDnsAutomatically", false, "createSecurityGroups", false, "decommissionExchange", false,
                "domainChecks", 0, "routingChecks", 0);
        support.delegate("sendMigrationNoticesDelegate", "mailboxOwnersNotified", 2, "testMailbox", "user01@contoso.com");
        support.delegate("addDomainToTenantDelegate", "verificationRecord", "contoso.com. 3600 IN TXT \"MS=ms12345678\"");
        support.delegate("publishVerificationTxtDelegate");
        support.delegate("checkDomainVerificationDelegate", x -> {
            x.setVariable("domainVerified", next("domainVerified", true));
            x.setVariable("domainChecks", ((Number) x.getVariable("domainChecks")).intValue() + 1);
        });
        support.delegate("testSourceServerDelegate", x -> x.setVariable("sourceServerReady", next("sourceServerReady", true)));
        support.delegate("createSecurityGroupsDelegate");
        support.delegate("createMigrationEndpointDelegate", x -> {
            x.setVariable("sourceEndpointId", 1L);
            x.setVariable("endpointTestPassed", next("endpointTestPassed", true));
        });
        support.delegate("createMigrationBatchDelegate", "batchId", 42L, "mailboxIds", List.of(1L, 2L), "mailboxCount", 2);
        support.batchSyncStandIns(syncPasses);
        support.mxSwitchStandIns();
        support.delegate("deleteMigrationBatchDelegate");
        support.delegate("assignLicencesDelegate", x -> {
            x.setVariable("unlicensedCount", next("unlicensedCount", 0));
            Date now = ClockUtil.getCurrentTime();
            x.setVariable("licenceReminderAt", new Date(now.getTime() + Duration.ofDays(23).toMillis()));
            x.setVariable("licenceEscalationAt", new Date(now.getTime() + Duration.ofDays(28).toMillis()));
        });
        support.delegate("licenceGraceNoticeDelegate", x -> x.setVariable("lastNotice", x.getVariable("noticeLevel")));
        support.delegate("sendWelcomeMessagesDelegate");
        SecretStore secrets = mock(SecretStore.class);
        when(secrets.exists(STORED_CREDENTIAL)).thenReturn(true);
        Mocks.register("credentialReferenceGuard", new CredentialReferenceGuard(secrets));
    }

    private void outcomes(String variable, Object... values) {
        support.outcomes(variable, values);
    }

    private Object next(String variable, Object otherwise) {
        return support.next(variable, otherwise);
    }

    private ProcessInstance start() {
        return runtimeService().startProcessInstanceByKey(PROCESS, "contoso.com", Map.of("domain", "contoso.com"));
    }

    /** The operator's usual answer to each form: checklists ticked, defaults kept. */
    private Map<String, Object> usualAnswer(String taskKey) {
        Map<String, Object> answer = new HashMap<>(switch (taskKey) {
            case TASK_PUBLISH_VERIFICATION_RECORD -> Map.of("verificationRecordPublished", true);
            case TASK_CONFIRM_SOURCE_PREPARED -> Map.of("imapReachable", true, "trustedCertificate", true);
            case TASK_REVIEW_MIGRATION_REPORT -> Map.of("reportAccepted", true);
            case TASK_CHANGE_MX_AND_AUTODISCOVER -> Map.of("dnsRecordsChanged", true);
            case TASK_CONFIRM_FINAL_DELTA_SYNC -> Map.of("finalSyncConfirmed", true);
            case TASK_RESOLVE_MISSING_LICENCES -> Map.of("licencesAvailable", true);
            case TASK_DECOMMISSION_EXCHANGE -> Map.of("noMailOnSource", true, "supportContacted", true, "exchangeUninstalled", true);
            default -> Map.<String, Object>of();
        });
        answer.putAll(answers.getOrDefault(taskKey, Map.of()));
        return answer;
    }

    /** Runs jobs and answers user tasks until the process waits at {@code stopAt} or ends. */
    private void drive(ProcessInstance pi, String stopAt) {
        for (int step = 0; step < 200; step++) {
            support.runDueJobs();
            if (runtimeService().createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
                return;
            }
            Task task = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();
            if (task != null && task.getTaskDefinitionKey().equals(stopAt)) {
                return;
            }
            if (task == null) {
                support.advance(Duration.ofHours(1)); // only timers are left: let time pass
                continue;
            }
            boolean waitTask = task.getTaskDefinitionKey().equals(TASK_WAIT_FOR_MX_PROPAGATION)
                    || task.getTaskDefinitionKey().equals(TASK_WAIT_FOR_TTL_EXPIRY);
            if (waitTask && !answers.containsKey(task.getTaskDefinitionKey())) {
                support.advance(Duration.ofHours(73)); // the operator comes back when the wait is over
            }
            taskCount.merge(task.getTaskDefinitionKey(), 1, Integer::sum);
            taskService().complete(task.getId(), usualAnswer(task.getTaskDefinitionKey()));
        }
        throw new AssertionError("The cutover did not settle within 200 steps");
    }

    private void assertEveryMailboxMigrationEnded() {
        assertThat(historyService().createHistoricProcessInstanceQuery().processDefinitionKey("MailboxMigration").completed().count())
                .isEqualTo(2);
    }

    @Test
    void shouldCompleteCutoverWhenEverythingSucceedsFirstTime() {
        ProcessInstance pi = start();
        drive(pi, null);

        assertThat(pi).isEnded().hasPassedInOrder(TASK_SEND_MIGRATION_NOTICES, TASK_CHECK_DOMAIN_VERIFICATION,
                TASK_TEST_SOURCE_SERVER, TASK_CREATE_AND_TEST_ENDPOINT, TASK_CREATE_MIGRATION_BATCH, TASK_REVIEW_MIGRATION_REPORT,
                TASK_CHECK_DNS_CHANGES, TASK_WAIT_FOR_MX_PROPAGATION, TASK_VERIFY_MAIL_ROUTING, TASK_REQUEST_FINAL_SYNC, TASK_DELETE_MIGRATION_BATCH,
                TASK_ASSIGN_LICENCES, TASK_SEND_WELCOME_MESSAGES, END_EVENT_CUTOVER_COMPLETED);
        assertThat(pi).hasNotPassed(TASK_LOWER_MX_TTL, TASK_PUBLISH_VERIFICATION_TXT, TASK_CREATE_SECURITY_GROUPS, TASK_APPLY_DNS_CHANGES,
                TASK_RESOLVE_MISSING_LICENCES, TASK_DECOMMISSION_EXCHANGE, TIMER_EVENT_DOMAIN_RECHECK_DELAY);
        assertEveryMailboxMigrationEnded();
        assertThat(syncPasses).as("each mailbox: initial sync, delta syncs while DNS propagates, one final sync")
                .containsOnlyOnce("1:INITIAL", "2:INITIAL", "1:FINAL", "2:FINAL").contains("1:DELTA", "2:DELTA");
        assertThat(syncPasses.indexOf("1:FINAL")).isGreaterThan(syncPasses.lastIndexOf("1:DELTA"));
    }

    @Test
    void shouldTakeEveryOptionalStepTheOperatorAsksFor() {
        answers.put(TASK_PUBLISH_VERIFICATION_RECORD, Map.of("publishAutomatically", true));
        answers.put(TASK_CONFIRM_SOURCE_PREPARED, Map.of("createSecurityGroups", true, "securityGroupNames", "Finance, HR"));
        answers.put(TASK_CHANGE_MX_AND_AUTODISCOVER, Map.of("applyDnsAutomatically", true));
        answers.put(TASK_DECIDE_DECOMMISSIONING, Map.of("decommissionExchange", true));
        ProcessInstance pi = start();
        drive(pi, null);

        assertThat(pi).isEnded().hasPassed(TASK_PUBLISH_VERIFICATION_TXT, TASK_CREATE_SECURITY_GROUPS, TASK_APPLY_DNS_CHANGES,
                TASK_DECOMMISSION_EXCHANGE).hasNotPassed(TASK_CHECK_DNS_CHANGES);
    }

    @Test
    void shouldRecheckDnsUntilTheVerificationRecordIsVisible() {
        outcomes("domainVerified", false, false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_CONFIRM_SOURCE_PREPARED);

        assertThat(support.calls("checkDomainVerificationDelegate")).isEqualTo(3);
        assertThat(taskCount.get(TASK_PUBLISH_VERIFICATION_RECORD)).isEqualTo(1);
        assertThat(pi).hasPassed(TIMER_EVENT_DOMAIN_RECHECK_DELAY, END_EVENT_DOMAIN_VERIFIED);
    }

    @Test
    void shouldAskTheOperatorAgainWhenTheRecordStaysMissing() {
        outcomes("domainVerified", false, false, false, true); // the stand-ins allow 3 checks per round
        ProcessInstance pi = start();
        drive(pi, TASK_CONFIRM_SOURCE_PREPARED);

        assertThat(taskCount.get(TASK_PUBLISH_VERIFICATION_RECORD)).isEqualTo(2);
        assertThat(support.calls("checkDomainVerificationDelegate")).isEqualTo(4);
        assertThat(pi).variables().containsEntry("domainChecks", 1);
    }

    @Test
    void shouldReturnToTheChecklistWhenTheSourceServerIsNotReady() {
        outcomes("sourceServerReady", false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_ENTER_MIGRATION_ENDPOINT);

        assertThat(taskCount.get(TASK_CONFIRM_SOURCE_PREPARED)).isEqualTo(2);
        assertThat(support.calls("testSourceServerDelegate")).isEqualTo(2);
    }

    @Test
    void shouldLetTheOperatorCorrectTheEndpointAfterAFailedTest() {
        outcomes("endpointTestPassed", false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_REVIEW_MIGRATION_REPORT);

        assertThat(taskCount.get(TASK_ENTER_MIGRATION_ENDPOINT)).isEqualTo(2);
        assertThat(support.calls("createMigrationEndpointDelegate")).isEqualTo(2);
        assertThat(support.calls("createMigrationBatchDelegate")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPasswordTypedIntoThePasswordReferenceAndStoreNothing() {
        ProcessInstance pi = start();
        drive(pi, TASK_ENTER_MIGRATION_ENDPOINT);
        Task endpoint = taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> taskService().complete(endpoint.getId(),
                        Map.of("sourceCredentialRef", "Winter2026!")))
                .hasMessageContaining("never the password itself").hasMessageNotContaining("Winter2026!");
        assertThat(pi).isWaitingAt(TASK_ENTER_MIGRATION_ENDPOINT);
        assertThat(historyService().createHistoricDetailQuery().variableUpdates().list())
                .noneMatch(d -> "Winter2026!".equals(((org.camunda.bpm.engine.history.HistoricVariableUpdate) d).getValue()));
        assertThat(runtimeService().getVariable(pi.getId(), "sourceCredentialRef")).isEqualTo(STORED_CREDENTIAL);
    }

    @Test
    void shouldRefuseToStartWithAPasswordAsTheReference() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService().startProcessInstanceByKey(PROCESS,
                        Map.of("domain", "contoso.com", "sourceCredentialRef", "Winter2026!")))
                .hasMessageContaining("never the password itself");
        assertThat(historyService().createHistoricProcessInstanceQuery().count()).isZero();
    }

    @Test
    void shouldWaitForEveryMailboxBeforeTheReview() {
        outcomes("initialSyncDone", false, false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_REVIEW_MIGRATION_REPORT);

        assertThat(support.calls("checkInitialSyncDelegate")).isEqualTo(3);
        assertThat(pi).hasPassed(TIMER_EVENT_INITIAL_SYNC_POLL);
    }

    @Test
    void shouldRefuseToEndTheMxWaitEarlyWithoutAReason() {
        answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of());
        ProcessInstance pi = start();
        drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        support.advance(Duration.ofHours(10));

        taskService().complete(waitTask(pi).getId(), Map.of());
        assertThat(pi).hasPassed(GATEWAY_MX_WAIT_MAY_END).isWaitingAt(TASK_WAIT_FOR_MX_PROPAGATION)
                .hasNotPassed(END_EVENT_DNS_SWITCHED);
        assertThat((String) runtimeService().getVariable(pi.getId(), "mxDnsNow")).contains("ns1.contoso.com: MX 0");
        assertThat((String) runtimeService().getVariable(pi.getId(), "mxWaitRefusal"))
                .startsWith("The MX propagation wait ends at").contains("give a reason");

        taskService().complete(waitTask(pi).getId(), Map.of("earlyCompletionReason", "MX TTL was 300 s for a week"));
        assertThat(pi).hasPassed(END_EVENT_DNS_SWITCHED);
        assertThat(historyService().createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName("earlyCompletionReason").singleResult().getValue()).isEqualTo("MX TTL was 300 s for a week");
        assertThat(historyService().createHistoricTaskInstanceQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(TASK_WAIT_FOR_MX_PROPAGATION).count()).as("refused once, then completed").isEqualTo(2);
    }

    private Task waitTask(ProcessInstance pi) {
        return taskService().createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(TASK_WAIT_FOR_MX_PROPAGATION).singleResult();
    }

    @Test
    void shouldLowerTheMxTtlFirstWhenItIsAboveAnHour() {
        outcomes("mxTtl", 86400L);
        ProcessInstance pi = start();
        drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);

        assertThat(pi).hasPassedInOrder(TASK_INSPECT_CURRENT_MX, TASK_LOWER_MX_TTL, TASK_CHECK_MX_TTL, TASK_RECORD_TTL_CHANGE,
                TASK_WAIT_FOR_TTL_EXPIRY, TASK_PREPARE_DNS_RECORDS).hasNotPassed(TASK_APPLY_MX_TTL);
        assertThat((String) runtimeService().getVariable(pi.getId(), "ttlDnsNow")).contains("ns1.contoso.com");
    }

    @Test
    void shouldStartTheTtlWaitOnlyOnceEveryServerServesTheTtlLoweredByHand() {
        outcomes("mxTtl", 86400L);
        outcomes("mxTtlLowered", false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_LOWER_MX_TTL);
        taskService().complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
                Map.of("ttlReduction", "byOperator"));
        support.runDueJobs();

        assertThat(pi).hasPassed(TASK_CHECK_MX_TTL, GATEWAY_MX_TTL_LOWERED).hasNotPassed(TASK_RECORD_TTL_CHANGE)
                .isWaitingAt(TASK_LOWER_MX_TTL);
        assertThat((String) runtimeService().getVariable(pi.getId(), "mxTtlCheck")).as("shown on the task")
                .contains("ns2.contoso.com: MX 10 mail.contoso.com (TTL 86400)");

        drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat(support.calls("checkMxTtlDelegate")).isEqualTo(2);
        assertThat(support.calls("recordTtlChangeDelegate")).isEqualTo(1);
        assertThat(runtimeService().getVariable(pi.getId(), "mxTtlCheck")).isNull();
    }

    @Test
    void shouldStartTheMxWaitOnlyOnceEveryServerServesTheRecordsChangedByHand() {
        outcomes("dnsChangesVisible", false, true);
        ProcessInstance pi = start();
        drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);
        taskService().complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
                usualAnswer(TASK_CHANGE_MX_AND_AUTODISCOVER));
        support.runDueJobs();

        assertThat(pi).hasPassed(TASK_CHECK_DNS_CHANGES, GATEWAY_DNS_CHANGES_VISIBLE).hasNotPassed(TASK_RECORD_MX_CHANGE)
                .isWaitingAt(TASK_CHANGE_MX_AND_AUTODISCOVER);
        assertThat((String) runtimeService().getVariable(pi.getId(), "dnsChangeCheck")).as("shown on the task")
                .contains("ns2.contoso.com: MX 10 mail.contoso.com");

        drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        assertThat(pi).hasPassedInOrder(TASK_CHECK_DNS_CHANGES, GATEWAY_DNS_CHANGES_MADE, TASK_RECORD_MX_CHANGE);
        assertThat(support.calls("checkDnsChangesDelegate")).isEqualTo(2);
        assertThat(support.calls("recordMxChangeDelegate")).isEqualTo(1);
        assertThat((String) runtimeService().getVariable(pi.getId(), "mxDnsNow"))
                .contains("ns1.contoso.com: MX 0").contains("ns1.contoso.com: CNAME autodiscover.outlook.com");
    }

    @Test
    void shouldLowerTheMxTtlAutomaticallyAndRefuseToEndItsWaitEarly() {
        outcomes("mxTtl", 86400L);
        answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "automatic"));
        answers.put(TASK_WAIT_FOR_TTL_EXPIRY, Map.of());
        ProcessInstance pi = start();
        drive(pi, TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat(pi).hasPassed(TASK_APPLY_MX_TTL).hasNotPassed(TASK_CHECK_MX_TTL);

        support.advance(Duration.ofHours(12));
        taskService().complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), Map.of());
        assertThat(pi).isWaitingAt(TASK_WAIT_FOR_TTL_EXPIRY);
        assertThat((String) runtimeService().getVariable(pi.getId(), "ttlWaitRefusal")).startsWith("The TTL wait ends at");

        support.advance(Duration.ofHours(13));
        taskService().complete(taskService().createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(), Map.of());
        support.runDueJobs();
        assertThat(pi).hasPassed(GATEWAY_TTL_SETTLED, TASK_PREPARE_DNS_RECORDS).isWaitingAt(TASK_CHANGE_MX_AND_AUTODISCOVER);
    }

    @Test
    void shouldSkipTheTtlReductionWhenTheOperatorAcceptsTheDelay() {
        outcomes("mxTtl", 86400L);
        answers.put(TASK_LOWER_MX_TTL, Map.of("ttlReduction", "skip"));
        ProcessInstance pi = start();
        drive(pi, TASK_CHANGE_MX_AND_AUTODISCOVER);

        assertThat(pi).hasPassed(TASK_LOWER_MX_TTL).hasNotPassed(TASK_RECORD_TTL_CHANGE, TASK_WAIT_FOR_TTL_EXPIRY);
    }

    @Test
    void shouldEndTheMxWaitWithoutAReasonOnceTheWaitIsOver() {
        answers.put(TASK_WAIT_FOR_MX_PROPAGATION, Map.of());
        ProcessInstance pi = start();
        drive(pi, TASK_WAIT_FOR_MX_PROPAGATION);
        support.advance(Duration.ofHours(72).plusMinutes(1));
        taskService().complete(waitTask(pi).getId(), Map.of());
        assertThat(pi).hasPassed(END_EVENT_DNS_SWITCHED);
    }

    @Test
    void shouldGoBackToTheDnsChangeWhenRoutingStaysOnTheOldMx() {
        outcomes("routingVerified", false, false, true); // 2 checks allowed per round
        ProcessInstance pi = start();
        drive(pi, TASK_CONFIRM_FINAL_DELTA_SYNC);

        assertThat(pi).hasPassed(TIMER_EVENT_ROUTING_RECHECK_DELAY, BOUNDARY_EVENT_ROUTING_NOT_VERIFIED);
        assertThat(taskCount.get(TASK_CHANGE_MX_AND_AUTODISCOVER)).isEqualTo(2);
        assertThat(pi).variables().containsEntry("routingError", "ns1.contoso.com: MX 10 mail.contoso.com (the old MX)");
    }

    @Test
    void shouldRemindAndEscalateWhileLicencesAreMissing() {
        outcomes("unlicensedCount", 3, 0);
        ProcessInstance pi = start();
        drive(pi, TASK_RESOLVE_MISSING_LICENCES);

        support.advance(Duration.ofDays(24));
        support.runDueJobs();
        assertThat(pi).hasPassed(TASK_REMIND_OF_LICENCE_GRACE).isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(pi).variables().containsEntry("lastNotice", "REMINDER");

        support.advance(Duration.ofDays(5));
        support.runDueJobs();
        assertThat(pi).hasPassed(TASK_ESCALATE_LICENCE_GRACE).isWaitingAt(TASK_RESOLVE_MISSING_LICENCES);
        assertThat(pi).variables().containsEntry("lastNotice", "ESCALATION");

        drive(pi, null);
        assertThat(pi).isEnded();
        assertThat(support.calls("assignLicencesDelegate")).isEqualTo(2);
        assertThat(support.calls("licenceGraceNoticeDelegate")).isEqualTo(2);
    }
}

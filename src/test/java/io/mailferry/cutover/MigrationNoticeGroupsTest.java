package io.mailferry.cutover;

import static io.mailferry.cutover.CutoverMigrationIds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailferry.batch.MigrationBatchService;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailbox.TestDatabase;
import io.mailferry.notify.NotificationService;
import io.mailferry.notify.NotifyProperties;
import io.mailferry.process.MailboxGroups;
import io.mailferry.process.OwnedMigration;
import io.mailferry.process.ProcessTestSupport;
import io.mailferry.tenantconnection.ConnectMicrosoft365Ids;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The migration notice of step 1 with the real delegates, notices and claims against GreenMail: a batch's owners are
 * told a group of at most 100 per job, each owner once, and a group the SMTP server refuses is retried on its own.
 */
@Deployment(resources = {"processes/CutoverMigration.bpmn", "processes/ConnectMicrosoft365.bpmn"})
class MigrationNoticeGroupsTest {
    @RegisterExtension
    static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(
                    ProcessTestSupport.ENGINE_CONFIGURATION)
            .build();

    private static final int OWNERS = 250;

    private GreenMail smtp;
    private RefusingSender sender;
    private final List<String> owners = IntStream.rangeClosed(1, OWNERS)
            .mapToObj(i -> String.format("user%03d@contoso.com", i))
            .toList();
    private OwnedMigration owned;

    @BeforeEach
    void setUp(ProcessEngine engine) {
        ProcessTestSupport support = new ProcessTestSupport(engine);
        support.tenantConnectionStandIns();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        sender = new RefusingSender(smtp.getSmtp().getPort());
        DataSource ds = TestDatabase.migrated();
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        owned = ProcessTestSupport.owned(jdbc);
        DirectoryService directory = mock(DirectoryService.class);
        when(directory.listMailboxes("contoso.com"))
                .thenReturn(owners.stream()
                        .map(a -> new DirectoryMailbox("cn=" + a, a, a))
                        .toList());
        NotificationService notifications = new NotificationService(
                sender,
                new NotifyProperties(null, null, null, null, false),
                jdbc,
                new DataSourceTransactionManager(ds));
        CutoverNotices notices = new CutoverNotices(
                directory,
                mock(MigrationBatchService.class),
                notifications,
                new NoticeRecipients(jdbc),
                new MailboxGroups());
        Mocks.register("listMailboxOwnersDelegate", new ListMailboxOwnersDelegate(notices, owned));
        Mocks.register("sendMigrationNoticesDelegate", new SendMigrationNoticesDelegate(notices, owned));
        Mocks.register("migrationNoticeGroups", new MigrationNoticeGroups(notices));
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private ProcessInstance startAtTheNotices() {
        ProcessInstance pi = runtimeService()
                .createProcessInstanceByKey(PROCESS)
                .businessKey("contoso.com")
                .setVariables(Map.of("noticeSchedule", "this weekend"))
                .startBeforeActivity(TASK_LIST_MAILBOX_OWNERS)
                .execute();
        ProcessTestSupport.adopt(owned, pi.getId(), "contoso.com");
        execute(onlyJob(pi)); // lists the owners
        execute(onlyJob(pi)); // the multi-instance body: one job per group
        return pi;
    }

    @Test
    void shouldTellTheOwnersInOneJobPerGroupOfAHundredEachOwnerOnce() throws Exception {
        ProcessInstance pi = startAtTheNotices();

        List<Job> groups = jobs(pi);
        assertThat(groups).as("ceil(250 / 100) jobs").hasSize(3);
        List<Integer> sentPerJob = new ArrayList<>();
        for (Job group : groups) {
            int before = smtp.getReceivedMessages().length;
            long started = System.nanoTime();
            execute(group);
            sentPerJob.add(smtp.getReceivedMessages().length - before);
            // a measure for the operations guide, not a limit: the job lock is 5 minutes
            System.out.printf(
                    "notice job of %d owners: %d ms%n",
                    sentPerJob.get(sentPerJob.size() - 1), (System.nanoTime() - started) / 1_000_000);
        }
        finishNotices(pi);

        assertThat(sentPerJob).as("each job tells its own group").containsExactlyInAnyOrder(100, 100, 50);
        assertThat(recipients())
                .as("every owner exactly once")
                .hasSize(OWNERS)
                .containsExactlyInAnyOrderElementsOf(owners);
        assertThat(runtimeService().getVariable(pi.getId(), "testMailbox")).isEqualTo("user001@contoso.com");
        assertThat(pi).hasPassed(TASK_SEND_MIGRATION_NOTICES).isWaitingAt(CALL_ACTIVITY_CONNECT_MICROSOFT365);
    }

    @Test
    void shouldRetryOnlyTheGroupWhoseNoticeTheServerRefusedAndSendOnlyItsMissingNotice() throws Exception {
        String refused = owners.get(129); // in the second group
        sender.refuse(refused);
        ProcessInstance pi = startAtTheNotices();

        Job failing = null;
        for (Job group : jobs(pi)) {
            try {
                execute(group);
            } catch (RuntimeException refusedByServer) {
                failing = group;
            }
        }
        assertThat(failing).as("one group failed").isNotNull();
        int executions = 1;
        while (runtimeService().createIncidentQuery().count() == 0) {
            String id = failing.getId();
            assertThatThrownBy(() -> execute(
                            managementService().createJobQuery().jobId(id).singleResult()))
                    .hasMessageContaining(refused)
                    .hasMessageContaining("550 5.7.1");
            executions++;
            assertThat(executions).as("the retry cycle R5 ends in an incident").isLessThanOrEqualTo(5);
        }

        List<Incident> incidents = runtimeService().createIncidentQuery().list();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).getActivityId()).isEqualTo(TASK_SEND_MIGRATION_NOTICES);
        assertThat(runtimeService().getVariableLocal(incidents.get(0).getExecutionId(), "noticeGroup"))
                .as("the incident is the refused owner's group")
                .isEqualTo(1);
        assertThat(recipients())
                .as("every other owner told once, however often the failed group ran")
                .hasSize(OWNERS - 1)
                .doesNotContain(refused)
                .doesNotHaveDuplicates();

        sender.refuse(null); // the relay is fixed; the operator retries the incident
        managementService().setJobRetries(failing.getId(), 1);
        int before = smtp.getReceivedMessages().length;
        execute(managementService().createJobQuery().jobId(failing.getId()).singleResult());
        finishNotices(pi);

        assertThat(recipients().subList(before, recipients().size()))
                .as("the retry sends only the group's missing notice")
                .containsExactly(refused);
        assertThat(recipients()).hasSize(OWNERS).containsExactlyInAnyOrderElementsOf(owners);
        assertThat(pi).isWaitingAt(CALL_ACTIVITY_CONNECT_MICROSOFT365);
    }

    /** The groups' completions (their own jobs), until the cutover moves on to connecting Microsoft 365. */
    private void finishNotices(ProcessInstance pi) {
        for (Job job : jobs(pi)) {
            execute(job);
        }
        assertThat(runtimeService()
                        .createProcessInstanceQuery()
                        .processDefinitionKey(ConnectMicrosoft365Ids.PROCESS)
                        .count())
                .isEqualTo(1);
    }

    private List<String> recipients() throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            to.add(message.getAllRecipients()[0].toString());
        }
        return to;
    }

    private static List<Job> jobs(ProcessInstance pi) {
        return managementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .list();
    }

    private static Job onlyJob(ProcessInstance pi) {
        return managementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .singleResult();
    }

    private static void execute(Job job) {
        managementService().executeJob(job.getId());
    }

    /** Hands messages to GreenMail, except to one recipient, whom it refuses as a relay would (550). */
    private static final class RefusingSender extends JavaMailSenderImpl {
        private final Set<String> refused = ConcurrentHashMap.newKeySet();

        RefusingSender(int port) {
            setHost("127.0.0.1");
            setPort(port);
        }

        void refuse(String recipient) {
            refused.clear();
            if (recipient != null) {
                refused.add(recipient);
            }
        }

        @Override
        protected void doSend(MimeMessage[] messages, Object[] originals) {
            try {
                String to = messages[0].getAllRecipients()[0].toString();
                if (refused.contains(to)) {
                    throw new MailSendException(
                            Map.of(messages[0], new SendFailedException("550 5.7.1 Relaying denied for " + to)));
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
            super.doSend(messages, originals);
        }
    }
}

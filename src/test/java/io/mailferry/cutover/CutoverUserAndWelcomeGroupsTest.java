package io.mailferry.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.directory.DirectoryMailbox;
import io.mailferry.directory.DirectoryService;
import io.mailferry.notify.NotificationService;
import io.mailferry.notify.NotifyProperties;
import io.mailferry.process.MailboxGroups;
import io.mailferry.staged.ListFixture;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The cutover's per-user work a group of the batch at a time (groups of two here), against the real batch tables in
 * H2, the in-memory tenant and GreenMail: step 4 creates only the group's users, and step 8 welcomes only the group's
 * migrated users, nobody twice when a group runs again.
 */
class CutoverUserAndWelcomeGroupsTest {
    private static final String DOMAIN = "contoso.com";
    private final ListFixture fixture = new ListFixture(10);
    private final DirectoryService directory = mock(DirectoryService.class);
    private final long batchId = fixture.batchOf(5);
    private GreenMail smtp;

    CutoverUserAndWelcomeGroupsTest() {
        when(directory.listMailboxes(DOMAIN))
                .thenReturn(IntStream.rangeClosed(1, 5)
                        .mapToObj(i -> new DirectoryMailbox(
                                "cn=u" + i + ",dc=contoso,dc=com", ListFixture.address(i), "User " + i))
                        .toList());
    }

    @AfterEach
    void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void eachGroupCreatesOnlyItsOwnUsersAndNobodyTwice() {
        CutoverBatchService service =
                new CutoverBatchService(directory, fixture.tenant, fixture.batches, null, new MailboxGroups(2));
        List<String> everyone =
                IntStream.rangeClosed(1, 5).mapToObj(ListFixture::address).toList();

        assertThat(service.createUsers(DOMAIN, batchId, 1)).isEqualTo(2);
        assertThat(fixture.tenant.missingUsers(everyone))
                .as("only the second group's users exist")
                .containsExactly(ListFixture.address(1), ListFixture.address(2), ListFixture.address(5));

        assertThat(service.createUsers(DOMAIN, batchId, 1)).as("run again").isEqualTo(2);
        service.createUsers(DOMAIN, batchId, 0);
        assertThat(service.createUsers(DOMAIN, batchId, 2)).isEqualTo(1);
        assertThat(fixture.tenant.missingUsers(everyone)).isEmpty();
    }

    @Test
    void eachGroupWelcomesOnlyItsMigratedUsersAndNobodyTwice() throws Exception {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtp.getSmtp().getPort());
        NotificationService notifications = new NotificationService(
                sender,
                new NotifyProperties(null, null, null, null, false),
                fixture.jdbc,
                new DataSourceTransactionManager(fixture.jdbc.getDataSource()));
        CutoverNotices notices =
                new CutoverNotices(directory, fixture.batches, notifications, null, new MailboxGroups(2));
        for (int i : List.of(0, 1, 3)) {
            fixture.batches.markStatus(fixture.mailbox(batchId, i).id(), MailboxStatus.COMPLETED, null);
        }
        fixture.batches.markStatus(fixture.mailbox(batchId, 2).id(), MailboxStatus.FAILED, "the source refused");

        assertThat(notices.welcome("pi-1:welcome", DOMAIN, batchId, 1))
                .as("user03 did not migrate, user04 did")
                .isEqualTo(1);
        assertThat(notices.welcome("pi-1:welcome", DOMAIN, batchId, 1))
                .as("again")
                .isEqualTo(1);
        assertThat(notices.welcome("pi-1:welcome", DOMAIN, batchId, 0)).isEqualTo(2);
        assertThat(notices.welcome("pi-1:welcome", DOMAIN, batchId, 2))
                .as("user05 did not migrate")
                .isZero();

        List<String> welcomed = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            welcomed.add(message.getAllRecipients()[0].toString());
        }
        assertThat(welcomed)
                .as("each migrated user once, in the order the groups ran")
                .containsExactly(
                        fixture.mailbox(batchId, 3).targetAddress(),
                        fixture.mailbox(batchId, 0).targetAddress(),
                        fixture.mailbox(batchId, 1).targetAddress());
    }
}

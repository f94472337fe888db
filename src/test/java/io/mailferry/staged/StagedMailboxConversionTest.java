package io.mailferry.staged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.batch.BatchMailbox;
import io.mailferry.batch.CreatedBatch;
import io.mailferry.batch.MailboxStatus;
import io.mailferry.demo.DemoDirectory;
import io.mailferry.demo.DemoProperties;
import io.mailferry.directory.DirectoryException;
import io.mailferry.directory.DirectoryProperties;
import io.mailferry.directory.DirectoryRecipient;
import io.mailferry.directory.DirectoryService;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.tenant.InMemoryTenant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

/**
 * Task 8 against a real LDAP directory with Exchange 2007 mailboxes (the demo's, on a free port), batches in H2 and the
 * in-memory tenant with its initial domain.
 */
class StagedMailboxConversionTest {
    private final ListFixture fixture = new ListFixture(10_000);
    private final StagedBatchService batches = new StagedBatchService(fixture.lists, fixture.batches);
    private DemoDirectory ldap;
    private DirectoryService directory;
    private MailboxConversionService service;

    @BeforeEach
    void startDirectory() throws Exception {
        ldap = new DemoDirectory(DemoProperties.onFreePorts(3));
        directory = new DirectoryService(new DirectoryProperties(ldap.url(), ldap.bindDn(), "demo", ldap.baseDn()));
        fixture.synchroniseUsers(5);
        service = new MailboxConversionService(
                fixture.batches, directory, new CloudRoutingAddresses(fixture.jdbc, fixture.tenant));
    }

    @AfterEach
    void stopDirectory() {
        ldap.destroy();
    }

    @Test
    void convertsAMigratedMailboxToAMailEnabledUserForwardingToTheInitialDomainOnce() {
        long batchId = fixture.batchOf(3);
        BatchMailbox first = fixture.mailbox(batchId, 0);
        fixture.batches.markStatus(first.id(), MailboxStatus.SYNCED, null);

        MailboxConversion result = service.convertMailbox(first.id());

        assertThat(result.converted()).isTrue();
        assertThat(result.conversion().alreadyConverted()).isFalse();
        assertThat(result.describe())
                .isEqualTo("user01@contoso.com: converted, mail goes to SMTP:user01@contoso.onmicrosoft.com");
        DirectoryRecipient recipient = directory.recipient("user01@contoso.com");
        assertThat(recipient.mailEnabledUser()).isTrue();
        assertThat(recipient.proxyAddresses())
                .contains("SMTP:user01@contoso.com", "smtp:user01@contoso.onmicrosoft.com");
        assertThat(service.convertMailbox(first.id()).describe())
                .isEqualTo(
                        "user01@contoso.com: already a mail-enabled user, mail goes to SMTP:user01@contoso.onmicrosoft.com");
        assertThat(directory.recipient("user02@contoso.com").mailEnabledUser())
                .as("other users untouched")
                .isFalse();
    }

    @Test
    void leavesAMailboxTheOperatorLeftOutOnPremises() {
        long batchId = fixture.batchOf(3);
        long leftOut = fixture.mailbox(batchId, 1).id();
        fixture.batches.markStatus(leftOut, MailboxStatus.LEFT_OUT, "Left out by the operator: LOGIN refused");

        assertThat(service.convertMailbox(leftOut).describe())
                .isEqualTo("user02@contoso.com: not converted, an operator left it out of the batch");
        assertThat(directory.recipient("user02@contoso.com").mailEnabledUser()).isFalse();
    }

    @Test
    void holdsBackAMailboxWhoseLastSyncFailedEvenIfItSyncedBefore() {
        long batchId = fixture.batchOf(3);
        long failing = fixture.mailbox(batchId, 1).id();
        fixture.batches.markStatus(failing, MailboxStatus.SYNCED, null);
        fixture.batches.markStatus(failing, MailboxStatus.FAILED, "Connection reset by mail.contoso.com:993");

        MailboxConversion held = service.convertMailbox(failing);
        assertThat(held.finished()).isFalse();
        assertThat(held.converted()).isFalse();
        assertThat(held.notFinishedBecause())
                .isEqualTo("its last sync failed: Connection reset by mail.contoso.com:993");
        assertThat(held.describe())
                .isEqualTo("user02@contoso.com: not converted yet: its last sync failed:"
                        + " Connection reset by mail.contoso.com:993");
        assertThat(directory.recipient("user02@contoso.com").mailEnabledUser())
                .as("not converted as if migrated")
                .isFalse();

        fixture.batches.markStatus(failing, MailboxStatus.SYNCED, null); // the retried sync succeeded
        MailboxConversion converted = service.convertMailbox(failing);
        assertThat(converted.finished()).isTrue();
        assertThat(converted.converted()).isTrue();
        assertThat(directory.recipient("user02@contoso.com").mailEnabledUser()).isTrue();
    }

    @Test
    void holdsBackAMailboxThatWasNeverCopied() {
        long batchId = fixture.batchOf(3);

        MailboxConversion held =
                service.convertMailbox(fixture.mailbox(batchId, 2).id());
        assertThat(held.finished()).isFalse();
        assertThat(held.notFinishedBecause()).isEqualTo("it has not been copied to Microsoft 365 yet");
        assertThat(directory.recipient("user03@contoso.com").mailEnabledUser()).isFalse();
    }

    @Test
    void aMigratedMailboxTheDirectoryDoesNotKnowIsATechnicalFaultForTheRetries() {
        MailboxList list = fixture.storeList(5); // the directory has user01 to user03 only
        CreatedBatch batch =
                batches.createBatch(list.id(), 1, "contoso.com", fixture.sourceEndpoint, fixture.targetEndpoint);
        long fifth = batch.mailboxIds().get(4);
        fixture.batches.markStatus(fifth, MailboxStatus.SYNCED, null);

        assertThatThrownBy(() -> service.convertMailbox(fifth))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("no user has mail user05@contoso.com");
    }

    @Test
    void holdsBackAMailboxWhoseUserMicrosoft365DoesNotKnow() {
        MailboxList list = fixture.storeList(6); // the tenant has user01 to user05
        CreatedBatch batch =
                batches.createBatch(list.id(), 1, "contoso.com", fixture.sourceEndpoint, fixture.targetEndpoint);
        long sixth = batch.mailboxIds().get(5);
        fixture.batches.markStatus(sixth, MailboxStatus.SYNCED, null);

        MailboxConversion held = service.convertMailbox(sixth);

        assertThat(held.finished()).isFalse();
        assertThat(held.notFinishedBecause())
                .startsWith("Microsoft 365 has no user with the address user06@contoso.com")
                .contains("directory synchronisation");

        fixture.tenant.createUser("user06@contoso.com", "User 6"); // synchronised since; the directory lacks it
        assertThatThrownBy(() -> service.convertMailbox(sixth))
                .as("looked up again, then on to the directory")
                .isInstanceOf(DirectoryException.class);
    }

    /**
     * The guess this replaces sent user01@contoso.com and user01@fabrikam.com to one cloud mailbox. Whatever makes two
     * entries reach one cloud mailbox, neither is converted, and each names the other.
     */
    @Test
    void holdsBackBothEntriesThatReachOneCloudMailbox() {
        InMemoryTenant tenant = Mockito.spy(fixture.tenant);
        Mockito.doReturn(Optional.of("user01@contoso.onmicrosoft.com"))
                .when(tenant)
                .cloudRoutingAddress("user02@contoso.com");
        MailboxConversionService guarded = new MailboxConversionService(
                fixture.batches, directory, new CloudRoutingAddresses(fixture.jdbc, tenant));
        long batchId = fixture.batchOf(3);
        long first = fixture.mailbox(batchId, 0).id();
        long second = fixture.mailbox(batchId, 1).id();
        fixture.batches.markStatus(first, MailboxStatus.SYNCED, null);
        fixture.batches.markStatus(second, MailboxStatus.SYNCED, null);

        assertThat(guarded.convertMailbox(first).notFinishedBecause())
                .startsWith("user01@contoso.com and user02@contoso.com all reach the cloud mailbox"
                        + " user01@contoso.onmicrosoft.com");
        assertThat(guarded.convertMailbox(second).notFinishedBecause())
                .startsWith("user02@contoso.com and user01@contoso.com all reach");
        assertThat(directory.recipient("user01@contoso.com").mailEnabledUser()).isFalse();
        assertThat(directory.recipient("user02@contoso.com").mailEnabledUser()).isFalse();
        assertThat(guarded.convertMailbox(fixture.mailbox(batchId, 2).id()).finished())
                .as("the third, never synced, is held back for that reason only")
                .isFalse();

        fixture.batches.markStatus(second, MailboxStatus.LEFT_OUT, "not this user's entry");
        assertThat(guarded.convertMailbox(first).converted())
                .as("once the wrong entry is left out")
                .isTrue();
        assertThat(directory.recipient("user01@contoso.com").proxyAddresses())
                .contains("smtp:user01@contoso.onmicrosoft.com");
    }
}

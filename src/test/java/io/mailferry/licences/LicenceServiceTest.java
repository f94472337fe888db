package io.mailferry.licences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.process.MailboxGroups;
import io.mailferry.staged.ListFixture;
import io.mailferry.tenant.LicenceResult;
import io.mailferry.text.Fit;
import io.mailferry.text.Rendered;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom the licence step licenses, against stored lists and batches in H2 and the in-memory tenant. */
class LicenceServiceTest {
    private final ListFixture small = new ListFixture(3);
    private final LicenceService service =
            new LicenceService(small.batches, small.lists, small.tenant, null, List.of(), new MailboxGroups(2));

    @Test
    void licensesEveryUserOfAStagedListAndSaysWhoIsLeftWhenThePoolRunsOut() {
        MailboxList list = small.storeList(5);
        small.synchroniseUsers(5);

        assertThat(service.groupNumbers(null, list.id())).as("groups of two").containsExactly(0, 1, 2);
        LicenceResult first = service.assignLicences(null, list.id(), 0);
        LicenceResult second = service.assignLicences(null, list.id(), 1);
        LicenceResult last = service.assignLicences(null, list.id(), 2);

        assertThat(first.licensed()).containsExactly("user01@contoso.com", "user02@contoso.com");
        assertThat(second.licensed()).containsExactly("user03@contoso.com");
        assertThat(second.unlicensed()).containsExactly("user04@contoso.com");
        assertThat(second.detail()).contains("all 3 licences");
        assertThat(last.unlicensed()).containsExactly("user05@contoso.com");
        LicenceResult check = service.checkLicences(null, list.id());
        assertThat(check.licensed()).containsExactly("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        assertThat(check.unlicensed()).containsExactly("user04@contoso.com", "user05@contoso.com");
        assertThat(check.detail()).startsWith("3 of the 5 users hold a licence; without one:");
    }

    @Test
    void aGroupAssignedAgainLicensesNobodyTwice() {
        MailboxList list = small.storeList(2);
        small.synchroniseUsers(2);

        assertThat(service.assignLicences(null, list.id(), 0).licensed()).hasSize(2);
        LicenceResult again = service.assignLicences(null, list.id(), 0);

        assertThat(again.licensed()).hasSize(2);
        assertThat(small.tenant.unlicensedUsers(List.of("user01@contoso.com", "user02@contoso.com")))
                .isEmpty();
        assertThat(service.checkLicences(null, list.id()).detail())
                .isEqualTo("Every one of the 2 users holds a licence");
    }

    @Test
    void aStatusNaming150UnknownUsersStaysStorableAndSaysHowManyMore() {
        MailboxList list = small.storeList(ListFixture.realisticAddresses(150)); // none synchronised yet

        LicenceResult result = service.checkLicences(null, list.id());

        assertThat(result.unlicensed()).hasSize(150);
        assertThat(result.detail()).hasSizeLessThan(Fit.VARIABLE);
        assertThat(Rendered.text(result.detail()))
                .startsWith("0 of the 150 users hold a licence; without one:")
                .contains("- annemarie.vandenberg-hoogstraten001@contoso.com")
                .endsWith("… and 130 more");
    }

    @Test
    void licensesOnlyTheMailboxesACutoverBatchMigrated() {
        long batch = small.batchOf(3);
        small.synchroniseUsers(3);
        small.batches.markStatus(small.mailbox(batch, 0).id(), MailboxStatus.COMPLETED, null);
        small.batches.markStatus(small.mailbox(batch, 2).id(), MailboxStatus.COMPLETED, null);
        small.batches.markStatus(small.mailbox(batch, 1).id(), MailboxStatus.FAILED, "the source refused the login");

        assertThat(service.groupNumbers(batch, null)).containsExactly(0);
        LicenceResult result = service.assignLicences(batch, null, 0);

        assertThat(result.licensed()).containsExactly("user01@contoso.com", "user03@contoso.com");
        assertThat(result.unlicensed()).isEmpty();
        assertThat(service.checkLicences(batch, null).unlicensed()).isEmpty();
    }

    @Test
    void refusesToGuessWhenGivenBothABatchAndAListOrNeither() {
        assertThatThrownBy(() -> service.assignLicences(1L, 2L, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one of batchId and mailboxListId");
        assertThatThrownBy(() -> service.groupNumbers(null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.checkLicences(1L, 2L)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGraceNoticeWithNobodyToTellSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> service.sendGraceNotice("pi:1", false, "contoso.com", 2, "2027-01-05", "2 left"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailferry.notify.operators");
    }
}

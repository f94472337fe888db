package io.mailferry.licences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.batch.MailboxStatus;
import io.mailferry.mailboxlist.MailboxList;
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
            new LicenceService(small.batches, small.lists, small.tenant, null, List.of());

    @Test
    void licensesEveryUserOfAStagedListAndSaysWhoIsLeftWhenThePoolRunsOut() {
        MailboxList list = small.storeList(5);
        small.synchroniseUsers(5);

        LicenceResult result = service.assignLicences(null, list.id());

        assertThat(result.licensed()).containsExactly("user01@contoso.com", "user02@contoso.com", "user03@contoso.com");
        assertThat(result.unlicensed()).isEqualTo(List.of("user04@contoso.com", "user05@contoso.com"));
        assertThat(result.detail()).contains("all 3 licences");
    }

    @Test
    void aStatusNaming150UnknownUsersStaysStorableAndSaysHowManyMore() {
        MailboxList list = small.storeList(ListFixture.realisticAddresses(150)); // none synchronised yet

        LicenceResult result = service.assignLicences(null, list.id());

        assertThat(result.unlicensed()).hasSize(150);
        assertThat(result.detail()).hasSizeLessThan(Fit.VARIABLE);
        assertThat(Rendered.text(result.detail()))
                .startsWith("0 user(s) licensed; 150 not in the tenant")
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

        LicenceResult result = service.assignLicences(batch, null);

        assertThat(result.licensed()).containsExactly("user01@contoso.com", "user03@contoso.com");
        assertThat(result.unlicensed()).isEmpty();
    }

    @Test
    void refusesToGuessWhenGivenBothABatchAndAListOrNeither() {
        assertThatThrownBy(() -> service.assignLicences(1L, 2L))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one of batchId and mailboxListId");
        assertThatThrownBy(() -> service.assignLicences(null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aGraceNoticeWithNobodyToTellSaysWhichSettingIsMissing() {
        assertThatThrownBy(() -> service.sendGraceNotice("pi:1", false, "contoso.com", 2, "2027-01-05", "2 left"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mailferry.notify.operators");
    }
}

package io.mailferry.staged;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.mailboxlist.MailboxList;
import io.mailferry.text.Shown;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list checks of tasks 3, 4 and 11 against stored lists in H2 and the in-memory tenant. */
class StagedListServiceTest {
    private final ListFixture fixture = new ListFixture(10_000);
    private final StagedListService service = new StagedListService(fixture.lists, fixture.tenant);

    @Test
    void aListOf4500MailboxesIsThreeBatchesOfAtMost2000() {
        MailboxList list = fixture.storeList(4500);

        ListCheck check = service.check(list.id());

        assertThat(check.found()).isTrue();
        assertThat(check.problem()).isNull();
        assertThat(check.batchNumbers()).containsExactly(1L, 2L, 3L);
        assertThat(check.mailboxes()).isEqualTo(4500);
        assertThat(check.summary())
                .isEqualTo("Mailbox list " + list.id()
                        + " (wave.csv): 4,500 mailboxes in 3 batches (2,000 + 2,000 + 500)");
        assertThat(check.firstAddress()).isEqualTo("user01@contoso.com");
        assertThat(fixture.lists.addresses(list.id()))
                .hasSize(4500)
                .startsWith("user01@contoso.com")
                .endsWith("user4500@contoso.com")
                .doesNotHaveDuplicates();
    }

    @Test
    void anUnknownIdIsAProblemForTheOperatorNotAFault() {
        ListCheck check = service.check(4711);

        assertThat(check.found()).isFalse();
        assertThat(check.batchNumbers()).isEmpty();
        assertThat(check.problem())
                .startsWith("There is no mailbox list with id 4711")
                .contains("a rejected file stores nothing")
                .contains("upload it again");
    }

    @Test
    void aListWithoutRowsIsRefused() {
        fixture.jdbc.update(
                "INSERT INTO mf_mailbox_list (id, file_name, created_at) VALUES (77, 'empty.csv', CURRENT_TIMESTAMP)");

        assertThat(service.check(77))
                .extracting(ListCheck::found, ListCheck::problem)
                .containsExactly(false, "Mailbox list 77 holds no mailbox; upload the list again.");
    }

    @Test
    void namesTheUsersDirectorySynchronisationHasNotCreatedYet() {
        MailboxList list = fixture.storeList(5);
        fixture.synchroniseUsers(3);

        assertThat(service.missingUsers(list.id())).containsExactly("user04@contoso.com", "user05@contoso.com");

        fixture.synchroniseUsers(5);
        assertThat(service.missingUsers(list.id())).isEmpty();
    }

    @Test
    void aLongListOfMissingUsersIsCutForTheForm() {
        MailboxList list = fixture.storeList(2500);
        fixture.synchroniseUsers(1000);

        List<String> missing = service.missingUsers(list.id());

        assertThat(missing).hasSize(1500).startsWith("user1001@contoso.com");
        String shown = Shown.firstOf(missing);
        assertThat(shown.lines())
                .hasSize(Shown.FIRST + 1)
                .startsWith("- user1001&#64;contoso&#46;com")
                .endsWith("- … and 1,480 more");
        assertThat(Shown.firstOf(List.of())).isEqualTo("(none)");
    }

    @Test
    void takesTheListIdInWhateverNumberTypeAFormOrRestClientSends() {
        MailboxList list = fixture.storeList(2);

        for (Object entered : new Object[] {list.id(), (int) list.id(), (double) list.id(), " " + list.id() + " "}) {
            assertThat(service.check(entered))
                    .as(entered.getClass().getSimpleName())
                    .extracting(ListCheck::found, ListCheck::listId)
                    .containsExactly(true, list.id());
        }
    }

    @Test
    void refusesWhatCannotBeAListIdAndSaysWhatToEnter() {
        for (Object bad : new Object[] {null, 0L, -3L, 7.5d, "", "seven", "7a", "0", "99999999999999999999"}) {
            ListCheck check = service.check(bad);
            assertThat(check.found()).as(String.valueOf(bad)).isFalse();
            assertThat(check.problem())
                    .isEqualTo("'" + bad + "' is not a mailbox list id: enter the number the mailbox lists"
                            + " page showed when it stored the list.");
        }
    }

    @Test
    void aWholeFilePastedAsTheListIdIsRepeatedOnlyInPart() {
        String pasted = "EmailAddress,Password\n" + "user01@contoso.com,Staged-Pw-1\n".repeat(200);

        String problem = service.check(pasted).problem();

        assertThat(problem)
                .startsWith("'EmailAddress,Password\nuser01@contoso.com")
                .contains("…' is not a mailbox list id")
                .hasSizeLessThan(200);
    }
}

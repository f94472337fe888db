package io.mailferry.mailboxlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretStore;
import io.mailferry.tenant.InMemoryTenant;
import io.mailferry.tenant.TenantProperties;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The service against the real migrations (H2) and secret store: all or nothing, passwords only encrypted. */
class MailboxListServiceTest {
    static final String PASSWORD = "Zq9-mailbox-list-Pw";

    private JdbcTemplate jdbc;
    private SecretStore secrets;
    private MailboxListService service;

    @BeforeEach
    void setUp() {
        DataSource dataSource = TestDatabase.migrated();
        jdbc = new JdbcTemplate(dataSource);
        secrets = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
        service = service(new TenantProperties("service-test", 10), dataSource);
    }

    private MailboxListService service(TenantProperties properties, DataSource dataSource) {
        return new MailboxListService(
                jdbc,
                new DataSourceTransactionManager(dataSource),
                verifiedTenant(properties, "contoso.com"),
                properties);
    }

    /** A tenant that verified {@code domain} the way Microsoft 365 does, through its TXT record. */
    static InMemoryTenant verifiedTenant(TenantProperties properties, String domain) {
        Map<String, List<String>> txt = new java.util.concurrent.ConcurrentHashMap<>();
        InMemoryTenant tenant = new InMemoryTenant(properties, name -> txt.getOrDefault(name, List.of()));
        txt.put(domain, List.of(tenant.addDomain(domain)));
        assertThat(tenant.verifyDomain(domain).verified()).isTrue();
        tenant.addDomain("fabrikam.com"); // added, never verified
        return tenant;
    }

    static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String withPasswords(int count) {
        StringBuilder csv = new StringBuilder("EmailAddress,Password,ForceChangePassword\n");
        for (int i = 1; i <= count; i++) {
            csv.append("user")
                    .append(i)
                    .append("@contoso.com,")
                    .append(PASSWORD)
                    .append(i)
                    .append(",False\n");
        }
        return csv.toString();
    }

    int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    @Test
    void storesAListAndNoneOfItsPasswords() {
        MailboxList list = service.store(
                "pilot.csv",
                csv("EmailAddress,Password,ForceChangePassword\n" + "Pilarp@Contoso.com," + PASSWORD
                        + ",True\ntobyn@contoso.com," + PASSWORD + "-2,False\n"),
                false,
                "olga");

        assertThat(list.mailboxes()).isEqualTo(2);
        assertThat(list.batches()).containsExactly(new BatchSize(1, 2));
        assertThat(list.fileName()).isEqualTo("pilot.csv");
        assertThat(list.createdBy()).isEqualTo("olga");
        assertThat(service.find(list.id())).isEqualTo(list);

        List<ListedMailbox> rows = service.rows(list.id(), 1);
        assertThat(rows)
                .extracting(ListedMailbox::address, ListedMailbox::forceChangePassword, ListedMailbox::row)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pilarp@contoso.com", true, 2),
                        org.assertj.core.groups.Tuple.tuple("tobyn@contoso.com", false, 3));
        // no step signs in with a list's passwords, so they are checked and dropped: nothing to leak or delete
        assertThat(count("mf_secret")).as("secrets stored for the list").isZero();
        assertThat(PasswordLeaks.tablesContaining(jdbc, PASSWORD))
                .as("password text in the database")
                .isEmpty();
    }

    @Test
    void theLeakSearchFindsAPasswordInTheClear() {
        secrets.store(
                Purpose.imapLogin("mail.contoso.com", 993), "careless label " + PASSWORD, "x".toCharArray(), "olga");
        assertThat(PasswordLeaks.tablesContaining(jdbc, PASSWORD)).containsExactly("MF_SECRET.LABEL");
    }

    @Test
    void aListWithoutPasswordsStoresNoSecrets() {
        MailboxList list = service.store(null, csv("EmailAddress\npilarp@contoso.com\n"), false, null);
        assertThat(service.rows(list.id(), 1)).singleElement().satisfies(row -> {
            assertThat(row.forceChangePassword()).isFalse();
        });
        assertThat(count("mf_secret")).isZero();
    }

    /** Security review finding 13 through the service the upload calls: the review's two 10 MB files. */
    @Test
    void theReviewsTenMegabyteFilesAreRefusedWithOneProblem() {
        byte[] commas = HostileListTest.repeated("EmailAddress", new byte[] {','}, 10 * 1024 * 1024);
        byte[] badBytes = HostileListTest.repeated("", new byte[] {(byte) 0xFF, ','}, 10 * 1024 * 1024);

        for (byte[] file : List.of(commas, badBytes)) {
            MailboxListRejectedException e = catchThrowableOfType(
                    MailboxListRejectedException.class, () -> service.store("attack.csv", file, false, "olga"));

            assertThat(e.problemCount()).isOne();
            assertThat(e.getMessage())
                    .startsWith("The mailbox list was not stored: 1 problem, the first row 1: The file has "
                            + "10,485,760 bytes; a mailbox list has at most 1,682,844");
        }
        assertThat(count("mf_mailbox_list") + count("mf_mailbox_list_entry") + count("mf_secret"))
                .isZero();
    }

    @Test
    void aRejectedListStoresNothing() {
        String faulty = withPasswords(3) + "someone@fabrikam.com," + PASSWORD + ",False\n";

        MailboxListRejectedException e = catchThrowableOfType(
                MailboxListRejectedException.class, () -> service.store("faulty.csv", csv(faulty), false, "olga"));

        assertThat(e.problems())
                .extracting(ListProblem::describe)
                .containsExactly("row 5, column EmailAddress: "
                        + "fabrikam.com is not a verified domain of the organisation (verified: contoso.com); verify it in "
                        + "Microsoft 365 first, or leave its mailboxes out");
        assertThat(e.getMessage())
                .startsWith("The mailbox list was not stored: 1 problem, the first row 5")
                .doesNotContain(PASSWORD);
        assertThat(count("mf_mailbox_list") + count("mf_mailbox_list_entry") + count("mf_secret"))
                .isZero();
    }

    @Test
    void aFailedInsertLeavesNeitherListNorSecrets() {
        // rows 2..1201 fill three chunks of secrets and inserts; the database refuses a row of the third
        jdbc.execute(
                "ALTER TABLE mf_mailbox_list_entry ADD CONSTRAINT test_refuse_late_rows CHECK (source_row < 1100)");

        assertThatThrownBy(() -> service.store("big.csv", csv(withPasswords(1200)), false, "olga"))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);

        assertThat(count("mf_secret"))
                .as("secrets stored before the failure are rolled back")
                .isZero();
        assertThat(count("mf_mailbox_list") + count("mf_mailbox_list_entry")).isZero();
    }

    @Test
    void splitsIntoBatchesAndHandsThemOutByNumber() {
        StringBuilder csv = new StringBuilder("EmailAddress\r\n");
        for (int i = 1; i <= 4500; i++) {
            csv.append("user").append(i).append("@contoso.com\r\n");
        }
        assertThatThrownBy(() -> service.store("all.csv", csv(csv.toString()), false, "olga"))
                .isInstanceOf(MailboxListRejectedException.class)
                .hasMessageContaining("split=true");

        MailboxList list = service.store("all.csv", csv(csv.toString()), true, "olga");

        assertThat(list.mailboxes()).isEqualTo(4500);
        assertThat(list.batches())
                .containsExactly(new BatchSize(1, 2000), new BatchSize(2, 2000), new BatchSize(3, 500));
        List<ListedMailbox> third = service.rows(list.id(), 3);
        assertThat(third).hasSize(500);
        assertThat(third.get(0))
                .extracting(ListedMailbox::address, ListedMailbox::row, ListedMailbox::batch)
                .containsExactly("user4001@contoso.com", 4002, 3);
        assertThatThrownBy(() -> service.rows(list.id(), 4))
                .isInstanceOf(MailboxListNotFoundException.class)
                .hasMessage("Mailbox list " + list.id() + " has 3 batch(es), numbered from 1; there is no batch 4");
        assertThatThrownBy(() -> service.find(list.id() + 1))
                .isInstanceOf(MailboxListNotFoundException.class)
                .hasMessage("There is no mailbox list with id " + (list.id() + 1));
    }

    @Test
    void singleSignOnFromTheTenantPropertiesRequiresFalse() {
        MailboxListService federated = service(new TenantProperties("sso", 10, true), TestDatabase.migrated());

        assertThatThrownBy(() -> federated.store(
                        "sso.csv",
                        csv("EmailAddress,ForceChangePassword\n" + "pilarp@contoso.com,True\n"),
                        false,
                        "olga"))
                .isInstanceOf(MailboxListRejectedException.class)
                .hasMessageContaining("row 2, column ForceChangePassword: ForceChangePassword must be False");
    }
}

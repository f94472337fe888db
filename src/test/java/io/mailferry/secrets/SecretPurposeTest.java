package io.mailferry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.mailbox.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each secret is revealed for the purpose it was stored for, and nothing else (issue 10, point 3). */
class SecretPurposeTest {
    static final String SECRET = "Exch-Admin-P@ss-2025";
    static final Purpose EXCHANGE = Purpose.imapLogin("mail.contoso.com", 993);

    JdbcTemplate jdbc;
    SecretStore store;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        store = new SecretStore(jdbc, TestDatabase.secretStoreProperties());
    }

    @Test
    void aSecretIsRevealedForItsServerOnly() {
        String reference = store.store(EXCHANGE, "Exchange admin", SECRET.toCharArray(), "olga");

        assertThat(store.reveal(reference, Purpose.imapLogin("MAIL.Contoso.com", 993)))
                .containsExactly(SECRET.toCharArray());
        for (Purpose other : new Purpose[] {
            Purpose.imapLogin("evil.example", 993),
            Purpose.imapLogin("mail.contoso.com", 143),
            Purpose.imapLogin("mail.contoso.com.evil.example", 993),
            Purpose.tsigKey("mail.contoso.com"),
            Purpose.directoryBind("mail.contoso.com")
        }) {
            assertThatThrownBy(() -> store.reveal(reference, other))
                    .as(other.toString())
                    .isInstanceOf(SecretPurposeException.class)
                    .hasMessageContaining("is for IMAP sign-in to mail.contoso.com:993")
                    .hasMessageContaining("not revealed for " + other.describe())
                    .hasMessageContaining(SecretStore.fingerprint(reference))
                    .hasMessageNotContaining(reference)
                    .hasMessageNotContaining(SECRET);
        }
    }

    @Test
    void anImapPurposeWithoutAPortAllowsEveryPortOfThatHostOnly() {
        String reference = store.store(Purpose.parse("imap:Mail.Contoso.com"), "admin", SECRET.toCharArray(), "olga");

        assertThat(store.reveal(reference, Purpose.imapLogin("mail.contoso.com", 143)))
                .containsExactly(SECRET.toCharArray());
        assertThat(store.reveal(reference, EXCHANGE)).containsExactly(SECRET.toCharArray());
        assertThatThrownBy(() -> store.reveal(reference, Purpose.imapLogin("owa.contoso.com", 993)))
                .isInstanceOf(SecretPurposeException.class);
    }

    @Test
    void eachSecretRecordsItsPurposeAndWhoStoredIt() {
        String reference = store.store(Purpose.tsigKey("mailferry-key."), "TSIG", "c2VjcmV0".toCharArray(), "olga");

        assertThat(jdbc.queryForMap("SELECT purpose, stored_by FROM mf_secret WHERE id = ?", reference))
                .containsEntry("PURPOSE", "tsig:mailferry-key")
                .containsEntry("STORED_BY", "olga");
        assertThatThrownBy(() -> store.store(EXCHANGE, "x", SECRET.toCharArray(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signed-in user");
        assertThatThrownBy(() -> store.store(null, "x", SECRET.toCharArray(), "olga"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Purpose.parse("mail.contoso.com"))
                .hasMessageContaining("imap:host[:port]")
                .hasMessageContaining("tsig:key-name");
    }

    @Test
    void aSecretFromBeforePurposesIsRevealedForNothingUntilConfigurationClaimsIt() {
        String reference = store.store(EXCHANGE, "TSIG", "c2VjcmV0".toCharArray(), "olga");
        jdbc.update("UPDATE mf_secret SET purpose = NULL, stored_by = NULL WHERE id = ?", reference);

        assertThatThrownBy(() -> store.reveal(reference, Purpose.tsigKey("mailferry-key")))
                .isInstanceOf(SecretPurposeException.class)
                .hasMessageContaining("from before secrets were bound to a purpose")
                .hasMessageContaining("tsig:mailferry-key");
        assertThat(store.adopt(reference, Purpose.tsigKey("mailferry-key"))).isTrue();
        assertThat(store.reveal(reference, Purpose.tsigKey("mailferry-key"))).containsExactly("c2VjcmV0".toCharArray());
        assertThat(store.adopt(reference, EXCHANGE))
                .as("a bound secret keeps its purpose")
                .isFalse();
        assertThatThrownBy(() -> store.reveal(reference, EXCHANGE)).isInstanceOf(SecretPurposeException.class);
    }

    @Test
    void aConfiguredPasswordIsStoredOncePerPurposeAndValue() {
        String first = store.storeConfigured(EXCHANGE, "Exchange source migration account", SECRET.toCharArray());

        assertThat(store.storeConfigured(EXCHANGE, "Exchange source migration account", SECRET.toCharArray()))
                .isEqualTo(first);
        String otherHost = store.storeConfigured(
                Purpose.imapLogin("owa.contoso.com", 993), "Exchange source migration account", SECRET.toCharArray());
        assertThat(otherHost).isNotEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT stored_by FROM mf_secret WHERE id = ?", String.class, first))
                .isEqualTo(SecretStore.CONFIGURATION);
        String operators = store.store(EXCHANGE, "Exchange source migration account", SECRET.toCharArray(), "olga");
        assertThat(store.storeConfigured(EXCHANGE, "Exchange source migration account", SECRET.toCharArray()))
                .as("an operator's copy is not taken for the configuration's")
                .isEqualTo(first)
                .isNotEqualTo(operators);
    }

    @Test
    void theMigrationBindsSecretsInUseToTheirServerAndDropsMailboxListPasswords() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:v16-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(ds)
                .table("mf_flyway_history")
                .target("14")
                .load()
                .migrate();
        JdbcTemplate old = new JdbcTemplate(ds);
        for (String id : new String[] {"secret:endpoint", "secret:two-servers", "secret:unused", "secret:list"}) {
            old.update(
                    "INSERT INTO mf_secret (id, label, nonce, ciphertext, created_at) VALUES (?, ?, ?, ?, ?)",
                    id,
                    id,
                    new byte[12],
                    new byte[16],
                    Timestamp.from(Instant.now()));
        }
        endpoint(old, "Exchange", "Mail.Contoso.com", 993, "secret:endpoint");
        endpoint(old, "Exchange again", "mail.contoso.com", 993, "secret:endpoint");
        endpoint(old, "Exchange", "mail.contoso.com", 993, "secret:two-servers");
        endpoint(old, "Attacker", "evil.example", 993, "secret:two-servers");
        old.update("INSERT INTO mf_mailbox_list (file_name, created_at) VALUES ('l.csv', CURRENT_TIMESTAMP)");
        old.update(
                "INSERT INTO mf_mailbox_list_entry (list_id, source_row, batch_number, email_address, password_ref,"
                        + " force_change_password) SELECT id, 2, 1, 'a@contoso.com', 'secret:list', FALSE FROM mf_mailbox_list");

        Flyway.configure().dataSource(ds).table("mf_flyway_history").load().migrate();

        assertThat(purpose(old, "secret:endpoint")).isEqualTo("imap:mail.contoso.com:993");
        assertThat(purpose(old, "secret:two-servers"))
                .as("used for two servers")
                .isNull();
        assertThat(purpose(old, "secret:unused")).isNull();
        assertThat(old.queryForObject("SELECT COUNT(*) FROM mf_secret WHERE id = 'secret:list'", Integer.class))
                .isZero();
    }

    private static void endpoint(JdbcTemplate jdbc, String name, String host, int port, String reference) {
        jdbc.update(
                "INSERT INTO mf_migration_endpoint (name, host, port, security, admin_user, credential_ref, login_mode,"
                        + " created_at) VALUES (?, ?, ?, 'TLS', NULL, ?, 'SHARED_PASSWORD', CURRENT_TIMESTAMP)",
                name + " " + UUID.randomUUID(),
                host,
                port,
                reference);
    }

    private static String purpose(JdbcTemplate jdbc, String reference) {
        return jdbc.queryForObject("SELECT purpose FROM mf_secret WHERE id = ?", String.class, reference);
    }

    @Test
    void theFieldsHoldingAStoredSecretAreFoundWhateverItsPurpose() {
        store.store(EXCHANGE, "Exchange admin", SECRET.toCharArray(), "olga");
        store.store(Purpose.tsigKey("contoso.com"), "TSIG", "c2VjcmV0LXRzaWc=".toCharArray(), "olga");

        assertThat(store.keysHoldingASecret(java.util.Map.of(
                        "sourceAdminUser",
                        SECRET,
                        "earlyCompletionReason",
                        "c2VjcmV0LXRzaWc=",
                        "testMailbox",
                        "user01@contoso.com",
                        "domain",
                        SECRET + " ")))
                .containsExactly("earlyCompletionReason", "sourceAdminUser");
        assertThat(store.keysHoldingASecret(java.util.Map.of("domain", "contoso.com")))
                .isEmpty();
    }
}

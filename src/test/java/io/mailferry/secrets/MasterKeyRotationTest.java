package io.mailferry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mailferry.mailbox.TestDatabase;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Re-encryption under a new master key, all or nothing, on a migrated H2 with real key files. */
class MasterKeyRotationTest {
    static final Purpose FOR = Purpose.imapLogin("mail.contoso.com", 993);
    static final Map<String, String> SECRETS = new LinkedHashMap<>(
            Map.of("source admin", "Vx3-exchange-admin", "tsig", "Qz8-tsig-shared", "user01", "Pw-user01-Kx"));

    @TempDir
    Path dir;

    DataSource dataSource;
    JdbcTemplate jdbc;
    Path oldFile;
    Path newFile;
    MasterKey oldKey;
    MasterKey newKey;
    Map<String, String> stored = new LinkedHashMap<>(); // reference → secret

    @BeforeEach
    void storeUnderTheOldKey() {
        dataSource = TestDatabase.migratedH2(); // H2 triggers fail a statement on purpose
        jdbc = new JdbcTemplate(dataSource);
        oldFile = dir.resolve("old/master.key");
        newFile = dir.resolve("new/master.key");
        SecretStore store = node(oldFile);
        SECRETS.forEach(
                (label, secret) -> stored.put(store.store(FOR, label, secret.toCharArray(), "operator"), secret));
        jdbc.update("UPDATE mf_secret SET key_id = NULL WHERE label = 'user01'"); // one row from before key ids
        oldKey = MasterKeyFile.read(oldFile);
        newKey = MasterKeyFile.create(newFile, new SecureRandom());
    }

    SecretStore node(Path file) {
        return new SecretStore(jdbc, new SecretStoreProperties(file.toString()));
    }

    MasterKeyRotation.Outcome rotate(MasterKey from, MasterKey to) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return new MasterKeyRotation().rotate(connection, from, to);
        }
    }

    List<Map<String, Object>> rows() {
        return jdbc.queryForList("SELECT id, key_id, nonce, ciphertext FROM mf_secret ORDER BY id");
    }

    void assertEverySecretReadableUnderTheOldKeyOnly() {
        SecretStore old = node(oldFile);
        stored.forEach(
                (reference, secret) -> assertThat(old.reveal(reference, FOR)).containsExactly(secret.toCharArray()));
        assertThatThrownBy(() -> node(newFile)).isInstanceOf(MasterKeyException.class);
    }

    @Test
    void shouldReEncryptEverySecretSoThatTheNewKeyDecryptsItAndTheOldNoLonger() throws Exception {
        List<Map<String, Object>> before = rows();

        MasterKeyRotation.Outcome outcome = rotate(oldKey, newKey);

        assertThat(outcome).isEqualTo(new MasterKeyRotation.Outcome(3, 0));
        List<Map<String, Object>> after = rows();
        for (int i = 0; i < after.size(); i++) {
            Map<String, Object> row = after.get(i);
            String reference = (String) row.get("ID");
            assertThat(row.get("KEY_ID")).isEqualTo(newKey.id());
            assertThat((byte[]) row.get("NONCE")).isNotEqualTo(before.get(i).get("NONCE"));
            assertThatThrownBy(() -> SecretCipher.open(
                            oldKey, reference, (byte[]) row.get("NONCE"), (byte[]) row.get("CIPHERTEXT")))
                    .isInstanceOf(AEADBadTagException.class);
        }
        SecretStore rotated = node(newFile);
        stored.forEach((reference, secret) ->
                assertThat(rotated.reveal(reference, FOR)).containsExactly(secret.toCharArray()));
        assertThatThrownBy(() -> node(oldFile))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("key id " + oldKey.id())
                .hasMessageContaining("3 secrets under key id " + newKey.id());
    }

    @Test
    void shouldKeepBindingEachCiphertextToItsReference() throws Exception {
        rotate(oldKey, newKey);
        List<String> references = List.copyOf(stored.keySet());
        jdbc.update(
                "UPDATE mf_secret SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM mf_secret WHERE id = ?) "
                        + "WHERE id = ?",
                references.get(0),
                references.get(1));

        assertThatThrownBy(() -> node(newFile).reveal(references.get(1), FOR))
                .hasMessageContaining(SecretStore.fingerprint(references.get(1)))
                .hasMessageNotContaining(references.get(1));
    }

    @Test
    void shouldLeaveEverySecretReadableUnderTheOldKeyWhenTheRotationFailsHalfway() throws Exception {
        List<Map<String, Object>> before = rows();
        FailOnSecondUpdateTrigger.updates.set(0);
        jdbc.execute("CREATE TRIGGER fail_halfway BEFORE UPDATE ON mf_secret FOR EACH ROW CALL \""
                + FailOnSecondUpdateTrigger.class.getName() + "\"");

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            Throwable failed = catchThrowable(() -> rotate(oldKey, newKey));

            assertThat(failed).isInstanceOf(SQLException.class).hasMessageContaining("disk full");
            assertThat(FailOnSecondUpdateTrigger.updates).hasValue(2); // the first row had been re-encrypted
            jdbc.execute("DROP TRIGGER fail_halfway");
            assertThat(rows()).usingRecursiveComparison().isEqualTo(before);
            assertEverySecretReadableUnderTheOldKeyOnly();
            leaks.add(failed);
            assertNoLeaks(leaks);
        }
    }

    @Test
    void shouldRefuseAnOldKeyThatIsNotTheOneTheSecretsAreStoredUnder() throws Exception {
        MasterKey wrong = MasterKeyFile.create(dir.resolve("wrong/master.key"), new SecureRandom());
        List<Map<String, Object>> before = rows();

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            Throwable refused = catchThrowable(() -> rotate(wrong, newKey));

            assertThat(refused)
                    .isInstanceOf(MasterKeyException.class)
                    .hasMessageContaining("old key file (key id " + wrong.id() + ")")
                    .hasMessageContaining("2 secrets under key id " + oldKey.id())
                    .hasMessageContaining("Nothing was changed");
            assertThat(rows()).usingRecursiveComparison().isEqualTo(before);
            leaks.add(refused);
            assertNoLeaks(leaks);
        }
    }

    @Test
    void shouldRefuseWhenAnOldKeyDoesNotDecryptARowFromBeforeKeyIds() {
        jdbc.update("UPDATE mf_secret SET key_id = NULL");
        MasterKey wrong = MasterKeyFile.create(dir.resolve("wrong/master.key"), new SecureRandom());

        assertThatThrownBy(() -> rotate(wrong, newKey))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("does not decrypt with the old key (key id " + wrong.id() + ")");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mf_secret WHERE key_id IS NULL", Integer.class))
                .isEqualTo(3);
    }

    @Test
    void shouldRefuseWhenANodeStoresASecretWhileRotating() {
        StoreWhileRotatingTrigger.url = ((JdbcDataSource) dataSource).getURL();
        StoreWhileRotatingTrigger.oldKeyId = oldKey.id();
        StoreWhileRotatingTrigger.done.set(false);
        jdbc.execute("CREATE TRIGGER store_meanwhile AFTER UPDATE ON mf_secret FOR EACH ROW CALL \""
                + StoreWhileRotatingTrigger.class.getName() + "\"");

        assertThatThrownBy(() -> rotate(oldKey, newKey))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("1 secrets were stored while rotating")
                .hasMessageContaining("Nothing was changed");
        jdbc.execute("DROP TRIGGER store_meanwhile");
        jdbc.update("DELETE FROM mf_secret WHERE id = 'secret:meanwhile'");
        assertEverySecretReadableUnderTheOldKeyOnly();
    }

    @Test
    void shouldBeDoneWhenRunAgainAfterASuccess() throws Exception {
        rotate(oldKey, newKey);

        assertThat(rotate(oldKey, newKey)).isEqualTo(new MasterKeyRotation.Outcome(0, 3));
    }

    @Test
    void shouldRefuseTheSameKeyAsNewKey() {
        assertThatThrownBy(() -> rotate(oldKey, MasterKeyFile.read(oldFile)))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("The new key is the old key (key id " + oldKey.id() + ")");
    }

    void assertNoLeaks(SecretLeakCheck leaks) throws Exception {
        leaks.assertNoKeyFrom(oldFile);
        leaks.assertNoKeyFrom(newFile);
        SECRETS.values().forEach(leaks::assertNoSecret);
    }
}

package io.mailferry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailferry.mailbox.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The key id stored with each secret, and a node whose key is not the one the secrets were stored under. */
class SecretStoreKeyIdTest {
    static final Purpose FOR = Purpose.imapLogin("mail.contoso.com", 993);
    static final String SECRET = "Vx3-tsig-key-secret";

    @TempDir
    Path dir;

    JdbcTemplate jdbc;
    Path keyA;
    Path keyB;

    @BeforeEach
    void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        keyA = dir.resolve("a/master.key");
        keyB = dir.resolve("b/master.key");
    }

    SecretStore node(Path file) {
        return new SecretStore(jdbc, new SecretStoreProperties(file.toString()));
    }

    String keyIdOf(String reference) {
        return jdbc.queryForObject("SELECT key_id FROM mf_secret WHERE id = ?", String.class, reference);
    }

    @Test
    void shouldStoreTheIdDerivedFromTheKeyWithEachSecret() throws Exception {
        SecretStore store = node(keyA);

        String reference = store.store(FOR, "admin", SECRET.toCharArray(), "operator");

        byte[] key = Files.readAllBytes(keyA);
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        String expected =
                HexFormat.of().formatHex(hmac.doFinal("mailferry key id".getBytes(StandardCharsets.US_ASCII)), 0, 8);
        assertThat(keyIdOf(reference)).isEqualTo(expected).isEqualTo(store.masterKeyId());
        assertThat(HexFormat.of().formatHex(key)).doesNotContain(expected);
    }

    @Test
    void shouldRefuseToStartWithAnotherKeyThanTheSecretsWereStoredUnder() throws Exception {
        SecretStore first = node(keyA);
        first.store(FOR, "admin", SECRET.toCharArray(), "operator");
        String otherId =
                MasterKeyFile.create(keyB, new java.security.SecureRandom()).id();

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            MasterKeyException refused = catchThrowableOfType(() -> node(keyB), MasterKeyException.class);

            assertThat(refused.getMessage())
                    .contains("This node's master key (" + keyB + ", key id " + otherId + ")")
                    .contains("differs from the one the secrets were stored under")
                    .contains("1 secrets under key id " + first.masterKeyId())
                    .contains("Every node of a cluster must use the same key file content");
            leaks.add(refused);
            leaks.assertNoKeyFrom(keyA);
            leaks.assertNoKeyFrom(keyB);
            leaks.assertNoSecret(SECRET);
        }
    }

    @Test
    void shouldRecordTheKeyIdOnSecretsStoredBeforeKeyIds() {
        String reference = node(keyA).store(FOR, "admin", SECRET.toCharArray(), "operator");
        jdbc.update("UPDATE mf_secret SET key_id = NULL");

        SecretStore restarted = node(keyA);

        assertThat(keyIdOf(reference)).isEqualTo(restarted.masterKeyId());
        assertThat(restarted.reveal(reference, FOR)).containsExactly(SECRET.toCharArray());
    }

    @Test
    void shouldRefuseAKeyThatDoesNotDecryptSecretsStoredBeforeKeyIds() {
        String reference = node(keyA).store(FOR, "admin", SECRET.toCharArray(), "operator");
        jdbc.update("UPDATE mf_secret SET key_id = NULL");
        MasterKeyFile.create(keyB, new java.security.SecureRandom());

        assertThatThrownBy(() -> node(keyB))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("1 of the 1 secrets stored before key ids do not decrypt")
                .hasMessageContaining(SecretStore.fingerprint(reference))
                .hasMessageNotContaining(reference);
        assertThat(keyIdOf(reference)).isNull();
    }

    @Test
    void shouldRefuseToRevealWhatANodeWithAnotherKeyStoredMeanwhile() {
        SecretStore nodeA = node(keyA);
        SecretStore nodeB = node(keyB); // both started while nothing was stored
        String reference = nodeB.store(FOR, "admin", SECRET.toCharArray(), "operator");

        assertThatThrownBy(() -> nodeA.reveal(reference, FOR))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("stored under master key id " + nodeB.masterKeyId())
                .hasMessageContaining("this node's key has id " + nodeA.masterKeyId());
        nodeB.storeConfigured(FOR, "admin", SECRET.toCharArray());
        assertThatThrownBy(() -> nodeA.storeConfigured(FOR, "admin", SECRET.toCharArray()))
                .as("a secret it cannot read is not silently stored again")
                .isInstanceOf(MasterKeyException.class);
    }
}

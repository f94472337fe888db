package io.mailferry.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mailferry.mailbox.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Where the secret store's master key comes from, and when it refuses to start: real files, a migrated H2. */
class SecretStoreMasterKeyTest {
    static final Purpose FOR = Purpose.imapLogin("mail.contoso.com", 993);
    static final String SECRET = "Vx3-exchange-admin-secret";

    @TempDir
    Path dir;

    JdbcTemplate jdbc;
    Path keyFile;

    @BeforeEach
    void database() {
        jdbc = new JdbcTemplate(TestDatabase.migratedH2()); // the in-memory key is for in-memory H2 only
        keyFile = dir.resolve("keys/master.key");
    }

    SecretStore node(Path file) {
        return new SecretStore(jdbc, new SecretStoreProperties(file == null ? null : file.toString()));
    }

    void writeKey(Path file, String permissions) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] key = new byte[MasterKey.BYTES];
        new SecureRandom().nextBytes(key);
        Files.write(file, key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    @Test
    void shouldCreateAnOwnerOnlyKeyInAnOwnerOnlyDirectoryWhenNothingIsStored() throws IOException {
        SecretStore store = node(keyFile);

        assertThat(Files.size(keyFile)).isEqualTo(MasterKey.BYTES);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile.getParent())))
                .isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile); // no temporary file left behind
        }
        String reference = store.store(FOR, "admin", SECRET.toCharArray(), "operator");
        assertThat(node(keyFile).reveal(reference, FOR)).containsExactly(SECRET.toCharArray());
    }

    @Test
    void shouldRefuseToStartWhenTheKeyFileIsMissingButSecretsAreStored() throws IOException {
        node(keyFile).store(FOR, "admin", SECRET.toCharArray(), "operator");
        Files.delete(keyFile);

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            MasterKeyException refused = catchThrowableOfType(() -> node(keyFile), MasterKeyException.class);

            assertThat(refused.getMessage())
                    .contains(keyFile.toString())
                    .contains("does not exist")
                    .contains("mf_secret holds 1 secrets under key id ")
                    .contains("they need the key that encrypted them");
            assertThat(keyFile).doesNotExist();
            leaks.add(refused);
            leaks.assertNoSecret(SECRET);
        }
    }

    @Test
    void shouldNotCreateAKeyBehindALinkToAnUnmountedVolume() throws IOException {
        Files.createDirectories(keyFile.getParent());
        Path unmounted = dir.resolve("secret-volume/master.key");
        Files.createSymbolicLink(keyFile, unmounted);

        assertThatThrownBy(() -> node(keyFile))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining(keyFile + " does not exist");
        assertThat(unmounted).doesNotExist();
    }

    @Test
    void shouldRefuseAnInMemoryKeyWhenSecretsAreStored() {
        node(null).store(FOR, "admin", SECRET.toCharArray(), "operator");

        assertThatThrownBy(() -> node(null))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("mailferry.secrets.master-key-file is not set")
                .hasMessageContaining("they need the key that encrypted them");
    }

    @Test
    void shouldRefuseAnInMemoryKeyForADatabaseThatKeepsItsData() {
        DriverManagerDataSource persistent =
                new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("db/mailferry"), "sa", "");
        org.flywaydb.core.Flyway.configure()
                .dataSource(persistent)
                .table("mf_flyway_history")
                .load()
                .migrate();

        assertThatThrownBy(() -> new SecretStore(new JdbcTemplate(persistent), new SecretStoreProperties(" ")))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("the database keeps its data");
    }

    @Test
    void shouldRefuseAKeyFileThatTheGroupMayRead() throws IOException {
        writeKey(keyFile, "rw-r-----");

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            MasterKeyException refused = catchThrowableOfType(() -> node(keyFile), MasterKeyException.class);

            assertThat(refused.getMessage())
                    .contains(keyFile.toString())
                    .contains("rw-r-----")
                    .endsWith("chmod 600 " + keyFile);
            leaks.add(refused);
            leaks.assertNoKeyFrom(keyFile);
        }
    }

    @Test
    void shouldRefuseAKeyFileThatOthersMayWrite() throws IOException {
        writeKey(keyFile, "rw-rw-rw-");

        assertThatThrownBy(() -> node(keyFile))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("rw-rw-rw-")
                .hasMessageContaining("chmod 600 " + keyFile);
    }

    @Test
    void shouldAcceptAReadOnlyKeyFileOfItsOwner() throws IOException {
        writeKey(keyFile, "r--------");

        String reference = node(keyFile).store(FOR, "admin", SECRET.toCharArray(), "operator");

        assertThat(node(keyFile).reveal(reference, FOR)).containsExactly(SECRET.toCharArray());
    }

    @Test
    void shouldRefuseAKeyFileOfTheWrongLength() throws IOException {
        Files.createDirectories(keyFile.getParent());
        Files.writeString(keyFile, "q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0abc=\n"); // base64 text, not raw bytes
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            MasterKeyException refused = catchThrowableOfType(() -> node(keyFile), MasterKeyException.class);

            assertThat(refused.getMessage())
                    .contains(keyFile.toString())
                    .contains("must hold exactly 32 bytes")
                    .contains("holds 45 bytes");
            leaks.add(refused);
            leaks.assertNoKeyFrom(keyFile);
        }
    }

    @Test
    void shouldRefuseAKeyFileOfZeroBytes() throws IOException {
        Files.createDirectories(keyFile.getParent());
        Files.write(keyFile, new byte[MasterKey.BYTES]);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> node(keyFile))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("only zero bytes");
    }

    @Test
    void shouldUseTheKeyFileAnotherNodeCreatedMeanwhile() throws IOException {
        writeKey(keyFile, "rw-------");
        byte[] theirs = Files.readAllBytes(keyFile);

        MasterKey used = MasterKeyFile.create(keyFile, new SecureRandom()); // lost the race to publish

        assertThat(used.id()).isEqualTo(MasterKey.of(theirs).id());
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(theirs);
        try (Stream<Path> files = Files.list(keyFile.getParent())) {
            assertThat(files).containsExactly(keyFile);
        }
    }

    @Test
    void shouldGiveTwoNodesCreatingTheKeyAtOnceTheSameKey() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                jdbc.update("DELETE FROM mf_secret");
                Path file = dir.resolve("round-" + round + "/keys/master.key");
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<SecretStore>> started = new ArrayList<>();
                for (int node = 0; node < 2; node++) {
                    started.add(nodes.submit(() -> {
                        together.await();
                        return node(file);
                    }));
                }
                SecretStore first = started.get(0).get();
                SecretStore second = started.get(1).get();

                assertThat(first.masterKeyId()).isEqualTo(second.masterKeyId());
                String stored = first.store(FOR, "admin", SECRET.toCharArray(), "operator");
                assertThat(second.reveal(stored, FOR)).containsExactly(SECRET.toCharArray());
                try (Stream<Path> files = Files.list(file.getParent())) {
                    assertThat(files).containsExactly(file);
                }
            }
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void shouldBindEachCiphertextToItsReference() {
        SecretStore store = node(keyFile);
        String first = store.store(FOR, "first", SECRET.toCharArray(), "operator");
        String second = store.store(FOR, "second", "another-secret".toCharArray(), "operator");
        jdbc.update(
                "UPDATE mf_secret SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM mf_secret WHERE id = ?) "
                        + "WHERE id = ?",
                first,
                second);

        assertThatThrownBy(() -> store.reveal(second, FOR))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SecretStore.fingerprint(second))
                .hasMessageNotContaining(second)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void shouldNameNoKeyOrSecretBytesWhenCreatingAndUsingAKey() throws IOException {
        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            SecretStore store = node(keyFile);
            String reference = store.store(FOR, "admin", SECRET.toCharArray(), "operator");
            store.reveal(reference, FOR);

            assertThat(leaks.said()).contains("Created a new master key in " + keyFile.toAbsolutePath());
            leaks.assertNoKeyFrom(keyFile);
            leaks.assertNoSecret(SECRET);
        }
    }
}

package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailferry.mailbox.TestDatabase;
import io.mailferry.secrets.MasterKeyException;
import io.mailferry.secrets.MasterKeyFile;
import io.mailferry.secrets.Purpose;
import io.mailferry.secrets.SecretLeakCheck;
import io.mailferry.secrets.SecretStore;
import io.mailferry.secrets.SecretStoreProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import picocli.CommandLine;

/** {@code secrets rotate-key} in-process against a migrated H2 and key files in a temporary folder. */
class SecretsRotateKeyCommandTest {
    static final Purpose FOR = Purpose.imapLogin("mail.contoso.com", 993);
    static final String SECRET = "Vx3-exchange-admin";

    @TempDir
    Path dir;

    String url;
    JdbcTemplate jdbc;
    Path oldKey;
    Path newKey;
    String reference;

    @BeforeEach
    void storeASecret() {
        JdbcDataSource dataSource = TestDatabase.migratedH2();
        url = dataSource.getURL();
        jdbc = new JdbcTemplate(dataSource);
        oldKey = dir.resolve("old/master.key");
        newKey = dir.resolve("new/master.key");
        reference = node(oldKey).store(FOR, "source admin", SECRET.toCharArray(), "operator");
    }

    SecretStore node(Path keyFile) {
        return new SecretStore(jdbc, new SecretStoreProperties(keyFile.toString()));
    }

    /** Runs the command with {@code environment} as its environment and no terminal. */
    CliRun rotate(Map<String, String> environment, String... extra) {
        SecretsRotateKeyCommand command = new SecretsRotateKeyCommand();
        command.environment = environment::get;
        command.prompt = question -> null;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] args = {
            "--datasource-url",
            url,
            "--datasource-user",
            "sa",
            "--old-key-file",
            oldKey.toString(),
            "--new-key-file",
            newKey.toString()
        };
        String[] all = Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new);
        return new CliRun(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void shouldReEncryptUnderANewOwnerOnlyKeySoThatOnlyTheNewKeyReadsTheSecrets() throws IOException {
        String oldId = node(oldKey).masterKeyId();

        try (SecretLeakCheck leaks = new SecretLeakCheck()) {
            CliRun run = rotate(Map.of("SPRING_DATASOURCE_PASSWORD", ""));

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newKey)))
                    .isEqualTo("rw-------");
            SecretStore rotated = node(newKey);
            assertThat(rotated.reveal(reference, FOR)).containsExactly(SECRET.toCharArray());
            assertThat(run.out())
                    .contains("Created the new key file " + newKey + " (owner-only, key id " + rotated.masterKeyId())
                    .contains("Re-encrypted 1 secrets from key id " + oldId + " to key id " + rotated.masterKeyId()
                            + " in one transaction.");
            assertThatThrownBy(() -> node(oldKey))
                    .isInstanceOf(MasterKeyException.class)
                    .hasMessageContaining(oldId)
                    .hasMessageContaining(rotated.masterKeyId());
            leaks.add(run.toString());
            leaks.assertNoKeyFrom(oldKey);
            leaks.assertNoKeyFrom(newKey);
            leaks.assertNoSecret(SECRET);
        }
    }

    @Test
    void shouldRefuseWithoutAPasswordFromTheEnvironmentOrATerminal() {
        CliRun run = rotate(Map.of());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(MailferryCli.USAGE);
        assertThat(run.err()).contains("set SPRING_DATASOURCE_PASSWORD");
        assertThat(newKey).doesNotExist();
    }

    @Test
    void shouldNotTakeThePasswordOnTheCommandLine() {
        CliRun run = rotate(Map.of("SPRING_DATASOURCE_PASSWORD", ""), "--datasource-password", "sa-password");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(MailferryCli.USAGE);
        assertThat(run.err()).contains("Unknown option");
    }

    @Test
    void shouldRefuseAnOldKeyFileOthersMayRead() throws IOException {
        Files.setPosixFilePermissions(oldKey, PosixFilePermissions.fromString("rw-r--r--"));

        CliRun run = rotate(Map.of("SPRING_DATASOURCE_PASSWORD", ""));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(MailferryCli.USAGE);
        assertThat(run.err()).contains("rw-r--r--").contains("chmod 600 " + oldKey);
        assertThat(newKey).doesNotExist();
    }

    @Test
    void shouldRefuseAnOldKeyTheSecretsAreNotStoredUnder() {
        oldKey = dir.resolve("unrelated/master.key");
        MasterKeyFile.readOrCreate(oldKey, new SecureRandom());

        CliRun run = rotate(Map.of("SPRING_DATASOURCE_PASSWORD", ""));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(MailferryCli.REFUSED);
        assertThat(run.err()).startsWith("Refused: The old key file").contains("Nothing was changed");
    }

    @Test
    void shouldBeACommandOfTheMailferryCli() {
        assertThat(MailferryCli.handles(new String[] {"secrets", "rotate-key"})).isTrue();
        CliRun help = CliRun.of("secrets", "rotate-key", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out())
                .contains("--datasource-url")
                .contains("--datasource-user")
                .contains("--old-key-file")
                .contains("--new-key-file")
                .contains("SPRING_DATASOURCE_PASSWORD");
        assertThat(CliRun.of("secrets").exitCode()).isEqualTo(MailferryCli.USAGE);
    }
}

package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.mailferry.cli.MailferryCli;
import jakarta.mail.Flags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code sync} command against two GreenMail servers, run in-process as an administrator would run it. */
class SyncCommandTest {
    static final String USER = "user01@contoso.com";
    static final String SOURCE_PASSWORD = "S0urce-Secret!42";
    static final String TARGET_PASSWORD = "T4rget-Secret!42";
    static final Instant DATE = Instant.parse("2019-03-04T05:06:07Z");

    @TempDir
    Path dir;

    GreenMail source;
    GreenMail target;
    int targetPort;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        source = Imap.start();
        target = Imap.start();
        targetPort = Imap.port(target);
        source.setUser(USER, USER, SOURCE_PASSWORD);
        target.setUser(USER, USER, TARGET_PASSWORD);
        Files.writeString(dir.resolve("source.pw"), SOURCE_PASSWORD + "\n");
        Files.writeString(dir.resolve("target.pw"), TARGET_PASSWORD + "\r\n");
    }

    @AfterEach
    void tearDown() {
        source.stop();
        target.stop();
    }

    /** The GreenMail stand-ins speak plain IMAP, so their runs allow it. */
    int sync(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--allow-plaintext"));
        args.addAll(List.of(extra));
        return run(Imap.port(source), args);
    }

    /** {@code sync} from imap:// on {@code sourcePort} to the target, without --starttls. */
    int run(int sourcePort, List<String> extra) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "sync",
                "--source",
                "imap://user01%40contoso.com@127.0.0.1:" + sourcePort,
                "--target",
                "imap://user01%40contoso.com@127.0.0.1:" + targetPort,
                "--source-password-file",
                dir.resolve("source.pw").toString(),
                "--target-password-file",
                dir.resolve("target.pw").toString(),
                "--state",
                dir.resolve("state").toString()));
        args.addAll(extra);
        CommandLine cli = MailferryCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args.toArray(String[]::new));
    }

    String lastLine() {
        String[] lines = out.toString().strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void firstRunCopiesEverythingAndSecondRunIsAnEmptyDelta() throws Exception {
        Imap.append(
                source,
                USER,
                SOURCE_PASSWORD,
                "INBOX",
                Imap.message("<1@contoso.com>", "One", "first"),
                new Flags(Flags.Flag.SEEN),
                DATE);
        Imap.append(
                source,
                USER,
                SOURCE_PASSWORD,
                "Projekte/Grüße",
                Imap.message(null, "Two", "no id"),
                new Flags(),
                DATE.plusSeconds(3600));

        assertThat(sync()).as(err.toString()).isZero();
        assertThat(lastLine())
                .startsWith("Summary: copied 2, skipped 0, flags 0, bytes ")
                .endsWith(", in sync");
        List<Imap.Stored> copied = Imap.read(target, USER, TARGET_PASSWORD, "Projekte/Grüße");
        assertThat(copied).hasSize(1);
        assertThat(copied.get(0).internalDate()).isEqualTo(DATE.plusSeconds(3600));

        Imap.append(
                source,
                USER,
                SOURCE_PASSWORD,
                "INBOX",
                Imap.message("<3@contoso.com>", "Three", "later"),
                new Flags(),
                DATE.plusSeconds(7200));
        assertThat(sync()).isZero();
        assertThat(lastLine()).startsWith("Summary: copied 1, skipped 0,");
        assertThat(Imap.read(target, USER, TARGET_PASSWORD, "INBOX")).hasSize(2);
    }

    @Test
    void tooLargeMessageIsListedWithItsReasonAndTheExitCodeSaysNotInSync() throws Exception {
        Imap.append(
                source,
                USER,
                SOURCE_PASSWORD,
                "INBOX",
                Imap.message("<big@contoso.com>", "Big", "x".repeat(3000)),
                new Flags(),
                DATE);

        assertThat(sync("--max-message-size", "2KB")).isEqualTo(3);
        assertThat(out.toString()).contains("Skipped: INBOX UID 1: Message of 3 KB is larger than the 2 KB limit");
        assertThat(lastLine()).endsWith("NOT in sync");
        assertThat(Imap.read(target, USER, TARGET_PASSWORD, "INBOX")).isEmpty();
    }

    @Test
    void wrongPasswordFailsNamingServerAndUserButNeverThePassword() throws Exception {
        Files.writeString(dir.resolve("target.pw"), "Wr0ng-Secret-77\n");

        assertThat(sync()).isEqualTo(MailferryCli.REFUSED);
        assertThat(err.toString())
                .contains("127.0.0.1:" + Imap.port(target))
                .contains(USER)
                .doesNotContain("Wr0ng-Secret-77")
                .doesNotContain(SOURCE_PASSWORD)
                .as("a refused sign-in is final")
                .doesNotContain("retrying");
    }

    @Test
    void aFailedPassIsRetriedWithBackoffThenReportedWithTheServer() throws Exception {
        int closedPort = targetPort;
        target.stop();

        assertThat(sync("--retries", "1")).isEqualTo(MailferryCli.REFUSED);

        assertThat(err.toString())
                .contains("Pass failed, retrying in 2 s (1 of 1)")
                .contains("Sync failed: ")
                .contains("127.0.0.1:" + closedPort);
    }

    @Test
    void malformedUrlIsAUsageErrorThatNamesTheOption() {
        CommandLine cli = MailferryCli.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(
                "sync",
                "--source",
                "pop3://host",
                "--target",
                "imap://a@b",
                "--source-password-file",
                "x",
                "--target-password-file",
                "y");
        assertThat(code).isEqualTo(MailferryCli.USAGE);
        assertThat(err.toString()).contains("--source must start with imap:// or imaps://");
    }

    @Test
    void imapWithoutStartTlsIsRefusedNamingAllowPlaintextAndSendsNothing() throws Exception {
        try (RecordingImapServer eavesdropped = new RecordingImapServer()) {
            int code = run(eavesdropped.port(), List.of());

            assertThat(code).isEqualTo(MailferryCli.USAGE);
            assertThat(err.toString())
                    .contains("--source imap://user01%40contoso.com@127.0.0.1:" + eavesdropped.port())
                    .contains("without --starttls")
                    .contains("--allow-plaintext");
            assertThat(eavesdropped.connections()).as("connections").isZero();
            assertThat(eavesdropped.received(SOURCE_PASSWORD)).isFalse();
        }
    }

    @Test
    void allowedPlaintextIsWarnedAboutLoudly() throws Exception {
        assertThat(sync()).isZero();

        assertThat(err.toString())
                .contains("WARNING: 127.0.0.1:" + Imap.port(source) + " without encryption (--allow-plaintext)")
                .contains("WARNING: 127.0.0.1:" + targetPort + " without encryption");
    }
}

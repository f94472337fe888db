package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import io.mailferry.cli.MailferryCli;
import jakarta.mail.Flags;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sync --mailboxes FILE.csv} against two GreenMail servers, run in-process as an administrator would. */
class SyncBatchCommandTest {
    static final int MAILBOXES = 6;
    static final String SOURCE_PASSWORD = "S0urce-Secret!42";
    static final String TARGET_PASSWORD = "T4rget-Secret!42";
    static final Instant DATE = Instant.parse("2019-03-04T05:06:07Z");

    @TempDir
    Path dir;

    GreenMail source;
    GreenMail target;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        source = Imap.start();
        target = Imap.start();
        for (int i = 1; i <= MAILBOXES; i++) {
            source.setUser(user(i), user(i), SOURCE_PASSWORD);
            target.setUser(user(i), user(i), TARGET_PASSWORD);
        }
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/source.pw"), SOURCE_PASSWORD + "\n");
        Files.writeString(dir.resolve("secrets/target.pw"), TARGET_PASSWORD + "\n");
        Files.writeString(dir.resolve("secrets/wrong.pw"), "not-the-password\n");
    }

    @AfterEach
    void tearDown() {
        source.stop();
        target.stop();
    }

    static String user(int i) {
        return String.format("user%02d@contoso.com", i);
    }

    /** Each mailbox gets messages of its own in two folders: INBOX (i + 1 messages) and Archive/2019 (one). */
    void seed() throws Exception {
        for (int i = 1; i <= MAILBOXES; i++) {
            for (int m = 0; m <= i; m++) {
                Imap.append(
                        source,
                        user(i),
                        SOURCE_PASSWORD,
                        "INBOX",
                        Imap.message("<" + i + "." + m + "@contoso.com>", user(i) + " " + m, "body " + m),
                        new Flags(Flags.Flag.SEEN),
                        DATE.plusSeconds(m));
            }
            Imap.append(
                    source,
                    user(i),
                    SOURCE_PASSWORD,
                    "Archive/2019",
                    Imap.message("<" + i + ".old@contoso.com>", user(i) + " old", "old"),
                    new Flags(),
                    DATE);
        }
    }

    /** The list, one row per mailbox; {@code targetPasswordFile} per row (relative to the list's folder). */
    Path list(List<String> targetPasswordFiles) throws Exception {
        StringBuilder csv = new StringBuilder("Source,SourcePasswordFile,Target,TargetPasswordFile\r\n");
        for (int i = 1; i <= targetPasswordFiles.size(); i++) {
            String encoded = user(i).replace("@", "%40");
            csv.append("imap://")
                    .append(encoded)
                    .append("@127.0.0.1:")
                    .append(Imap.port(source))
                    .append(",secrets/source.pw,imap://")
                    .append(encoded)
                    .append("@127.0.0.1:")
                    .append(Imap.port(target))
                    .append(',')
                    .append(targetPasswordFiles.get(i - 1))
                    .append("\r\n");
        }
        Path file = dir.resolve("mailboxes.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file;
    }

    Path list() throws Exception {
        return list(java.util.Collections.nCopies(MAILBOXES, "secrets/target.pw"));
    }

    int run(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "sync", "--allow-plaintext", "--state", dir.resolve("state").toString()));
        all.addAll(List.of(args));
        CommandLine cli = MailferryCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    String lastLine() {
        String[] lines = out.toString().strip().split("\\R");
        return lines[lines.length - 1];
    }

    List<String> subjects(int i, String folder) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (Imap.Stored m : Imap.read(target, user(i), TARGET_PASSWORD, folder)) {
            String raw = new String(m.raw(), StandardCharsets.UTF_8);
            subjects.add(raw.lines()
                    .filter(l -> l.startsWith("Subject: "))
                    .findFirst()
                    .orElseThrow());
        }
        return subjects;
    }

    @Test
    void everyMessageOfEveryMailboxArrivesOnceAndTheNextRunIsADelta() throws Exception {
        seed();
        Path list = list();

        assertThat(run("--mailboxes", list.toString(), "--parallel-mailboxes", "3"))
                .as(err.toString())
                .isZero();

        // 2 + 3 + ... + 7 in the INBOXes, one each in Archive/2019
        int expected = (2 + MAILBOXES + 1) * MAILBOXES / 2 + MAILBOXES;
        assertThat(lastLine())
                .startsWith("Summary: mailboxes 6, in sync 6, failed 0, copied " + expected + ", skipped 0,")
                .endsWith(", in sync");
        for (int i = 1; i <= MAILBOXES; i++) {
            assertThat(out.toString()).contains("Mailbox " + list + " row " + (i + 1) + " (" + user(i));
            List<String> expectedSubjects = new ArrayList<>();
            for (int m = 0; m <= i; m++) {
                expectedSubjects.add("Subject: " + user(i) + " " + m);
            }
            // each mailbox's own messages, each once, nothing of another mailbox
            assertThat(subjects(i, "INBOX")).containsExactlyInAnyOrderElementsOf(expectedSubjects);
            assertThat(subjects(i, "Archive/2019")).containsExactly("Subject: " + user(i) + " old");
        }

        Imap.append(
                source,
                user(4),
                SOURCE_PASSWORD,
                "INBOX",
                Imap.message("<4.new@contoso.com>", user(4) + " new", "new"),
                new Flags(),
                DATE);
        out.getBuffer().setLength(0);
        assertThat(run("--mailboxes", list.toString(), "--parallel-mailboxes", "6"))
                .as(err.toString())
                .isZero();
        assertThat(lastLine()).startsWith("Summary: mailboxes 6, in sync 6, failed 0, copied 1, skipped 0,");
        assertThat(subjects(4, "INBOX")).containsOnlyOnce("Subject: " + user(4) + " new");
    }

    @Test
    void aFailingMailboxStopsNoOtherAndIsNamedWithItsRow() throws Exception {
        seed();
        List<String> passwords = new ArrayList<>(java.util.Collections.nCopies(MAILBOXES, "secrets/target.pw"));
        passwords.set(2, "secrets/wrong.pw"); // user03, row 4
        Path list = list(passwords);

        int exit = run("--mailboxes", list.toString(), "--parallel-mailboxes", "2", "--retries", "0");

        assertThat(exit).isEqualTo(MailferryCli.REFUSED);
        assertThat(lastLine())
                .startsWith("Summary: mailboxes 6, in sync 5, failed 1,")
                .endsWith("NOT in sync");
        assertThat(err.toString())
                .contains("Mailbox " + list + " row 4 (" + user(3) + " -> " + user(3) + ") failed: ")
                .contains("Failed: " + list + " row 4")
                .doesNotContain("not-the-password");
        assertThat(Imap.read(target, user(3), TARGET_PASSWORD, "INBOX")).isEmpty();
        for (int i : new int[] {1, 2, 4, 5, 6}) {
            assertThat(subjects(i, "INBOX")).hasSize(i + 1);
        }
    }

    @Test
    void aBadListIsRefusedBeforeAnyConnectionNamingFileRowAndColumn() throws Exception {
        seed();
        Path list = list();
        List<String> lines = new ArrayList<>(Files.readAllLines(list));
        lines.set(3, lines.get(3).replace("secrets/target.pw", "secrets/missing.pw"));
        Files.write(list, lines);

        assertThat(run("--mailboxes", list.toString())).isEqualTo(MailferryCli.USAGE);
        assertThat(err.toString())
                .contains(list + " row 4, column TargetPasswordFile: " + dir.resolve("secrets/missing.pw"));
        assertThat(out.toString()).isEmpty();
        // not even the rows before it were synced
        assertThat(Imap.read(target, user(1), TARGET_PASSWORD, "INBOX")).isEmpty();

        lines.set(3, lines.get(3).replace(",secrets/missing.pw", ","));
        Files.write(list, lines);
        err.getBuffer().setLength(0);
        assertThat(run("--mailboxes", list.toString())).isEqualTo(MailferryCli.USAGE);
        assertThat(err.toString()).contains(list + " row 4, column TargetPasswordFile is empty");

        Files.writeString(list, "Source,SourcePasswordFile,Target,Password\r\n");
        err.getBuffer().setLength(0);
        assertThat(run("--mailboxes", list.toString())).isEqualTo(MailferryCli.USAGE);
        assertThat(err.toString()).contains(list + " row 1, column D: 'Password' is not a column of a mailbox list");

        err.getBuffer().setLength(0);
        assertThat(run("--mailboxes", list.toString(), "--source", "imap://a%40b@host"))
                .isEqualTo(MailferryCli.USAGE);
        assertThat(err.toString()).contains("--mailboxes takes the mailbox pairs from its file; drop --source");
    }

    @Test
    void aPairSyncedInAListIsADeltaWhenSyncedAlone() throws Exception {
        seed();
        assertThat(run("--mailboxes", list().toString())).as(err.toString()).isZero();
        out.getBuffer().setLength(0);

        int exit = run(
                "--source",
                "imap://user02%40contoso.com@127.0.0.1:" + Imap.port(source),
                "--target",
                "imap://user02%40contoso.com@127.0.0.1:" + Imap.port(target),
                "--source-password-file",
                dir.resolve("secrets/source.pw").toString(),
                "--target-password-file",
                dir.resolve("secrets/target.pw").toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(lastLine()).startsWith("Summary: copied 0, skipped 0,");
    }
}

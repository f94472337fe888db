package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.cli.MailferryCli;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The sync engine between two real Dovecot servers (started by src/test/dovecot/start-dovecot.sh, settings in the
 * DOVECOT_* environment): the awkward corpus byte for byte, a kill -9 in the middle of a pass, a UIDVALIDITY
 * reset, a message over the size limit, a flag change and TLS trust. Each test owns one user on both servers.
 */
@Tag("server")
class DovecotSyncServerTest {
    static final String HOST = "127.0.0.1";
    static Map<String, String> env;
    static Path corpus;

    @TempDir
    Path dir;

    @BeforeAll
    static void corpus(@TempDir Path shared) throws Exception {
        env = System.getenv();
        for (String name : List.of(
                "DOVECOT_DIR",
                "DOVECOT_SOURCE_PORT",
                "DOVECOT_TARGET_PORT",
                "DOVECOT_SOURCE_TLS_PORT",
                "DOVECOT_TLS_CERT",
                "DOVECOT_PASSWORD",
                "DOVECOT_PASSWORD_FILE")) {
            assertThat(env.get(name))
                    .as(name + " (run src/test/dovecot/start-dovecot.sh DIR and load DIR/env)")
                    .isNotBlank();
        }
        corpus = shared.resolve("corpus");
        run(List.of(
                java(),
                "bench/AwkwardCorpus.java",
                "--out",
                corpus.toString(),
                "--messages",
                "400",
                "--seed",
                "7",
                "--large-tail",
                "4"));
    }

    @Test
    void awkwardCorpusArrivesByteForByteAndAnUnchangedReRunCopiesNothing() throws Exception {
        String user = fresh("user01@contoso.com");

        assertThat(sync(user)).as(out.toString() + err).isZero();
        assertThat(summary()).contains("copied 400, skipped 0").endsWith("in sync");
        assertSameMailbox(user);

        assertThat(sync(user)).isZero();
        assertThat(summary()).contains("copied 0, skipped 0, flags 0");

        // A target folder deleted meanwhile: the unchanged source must not hide it.
        try (IMAPStore target = login(port("DOVECOT_TARGET_PORT"), user)) {
            assertThat(target.getFolder("R&D").delete(true)).isTrue();
        }
        assertThat(sync(user)).isZero();
        assertThat(summary()).doesNotContain("copied 0,");
        assertSameMailbox(user);
    }

    @Test
    void killDashNineInTheMiddleOfAPassThenAReRunLeavesExactlyOneCopyOfEachMessage() throws Exception {
        String user = fresh("user02@contoso.com");
        List<String> command = new ArrayList<>(
                List.of(java(), "-cp", System.getProperty("java.class.path"), "io.mailferry.MailferryApplication"));
        command.addAll(syncArguments(user));
        Process pass = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (targetCount(user) < 150 && pass.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pass.isAlive())
                .as("the pass is still running when it is killed: " + Files.readString(dir.resolve("killed.log")))
                .isTrue();
        pass.destroyForcibly();
        assertThat(pass.waitFor(30, TimeUnit.SECONDS)).isTrue();
        int before = targetCount(user);
        assertThat(before).as("killed mid-pass").isBetween(150, 399);

        assertThat(sync(user)).as(out.toString() + err).isZero();
        assertSameMailbox(user);
    }

    @Test
    void aUidValidityResetIsReMatchedNotCopiedAgain() throws Exception {
        String user = fresh("user03@contoso.com");
        assertThat(sync(user)).isZero();

        run(List.of("src/test/dovecot/reset-uidvalidity.sh", env.get("DOVECOT_DIR"), user, "Projects/2024 Q1"));
        assertThat(sync(user)).as(out.toString() + err).isZero();

        assertThat(summary()).contains("copied 0, skipped 0");
        assertSameMailbox(user);
    }

    @Test
    void messagesOverTheSizeLimitAreSkippedWithTheirReasonAndEverythingElseArrives() throws Exception {
        String user = fresh("user04@contoso.com");

        assertThat(sync(user, "--max-message-size", "1MB")).isEqualTo(3);

        List<String> skipped =
                out.toString().lines().filter(l -> l.startsWith("Skipped: ")).toList();
        assertThat(skipped).hasSize(4).allMatch(l -> l.contains("larger than the 1.0 MB limit"));
        assertThat(summary()).contains("copied 396, skipped 4").endsWith("NOT in sync");
        assertThat(targetCount(user)).isEqualTo(396);
    }

    @Test
    void aFlagChangeAtTheSourceTravelsWithTheNextDelta() throws Exception {
        String user = fresh("user05@contoso.com");
        assertThat(sync(user)).isZero();
        try (IMAPStore store = login(port("DOVECOT_SOURCE_PORT"), user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Message first = inbox.getMessage(1);
            first.setFlags(new Flags(Flags.Flag.FLAGGED), !first.isSet(Flags.Flag.FLAGGED));
            first.setFlags(new Flags("$Reviewed"), true);
            inbox.close(false);
        }

        assertThat(sync(user)).isZero();
        assertThat(summary()).contains("copied 0, skipped 0, flags 1,");
        assertSameMailbox(user);
    }

    @Test
    void aSelfSignedCertificateIsRefusedUnlessThatCertificateIsTrusted() throws Exception {
        String user = fresh("user05@contoso.com");
        String tls = "imaps://" + user.replace("@", "%40") + "@" + HOST + ":" + env.get("DOVECOT_SOURCE_TLS_PORT");

        assertThat(sync(user, "--source", tls)).isEqualTo(MailferryCli.REFUSED);
        assertThat(err.toString()).contains("not trusted");

        assertThat(sync(user, "--source", tls, "--source-trust-certificate", env.get("DOVECOT_TLS_CERT")))
                .isZero();
        assertSameMailbox(user);
    }

    @Test
    void aFolderOfMoreSmallMessagesThanTheReaderEverQueuedCompletes() throws Exception {
        String user = "bench@contoso.com";
        empty(user);
        Path small = dir.resolve("small");
        Files.createDirectories(small.resolve("messages"));
        Files.writeString(small.resolve("folders.txt"), "INBOX\n");
        StringBuilder manifest =
                new StringBuilder("# folder\tfile\tflags\tinternal_date_epoch_seconds\tbytes\tsha256\n");
        int count = 5_000;
        for (int i = 0; i < count; i++) {
            byte[] raw = ("From: a@contoso.com\r\nSubject: note " + i + "\r\nMessage-ID: <n" + i
                            + "@contoso.com>\r\n\r\n" + "short\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String file = String.format("messages/%06d.eml", i);
            Files.write(small.resolve(file), raw);
            manifest.append("INBOX\t")
                    .append(file)
                    .append("\t\t")
                    .append(1_600_000_000L + i)
                    .append('\t')
                    .append(raw.length)
                    .append('\t')
                    .append(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(raw)))
                    .append('\n');
        }
        Files.writeString(small.resolve("manifest.tsv"), manifest);
        run(List.of(
                java(),
                "bench/ImapAppend.java",
                "--corpus",
                small.toString(),
                "--host",
                HOST,
                "--port",
                env.get("DOVECOT_SOURCE_PORT"),
                "--user",
                user,
                "--password-file",
                env.get("DOVECOT_PASSWORD_FILE")));

        assertThat(sync(user)).as(out.toString() + err).isZero();

        assertThat(summary()).contains("copied 5000, skipped 0");
        assertThat(targetCount(user)).isEqualTo(count);
    }

    @Test
    void a150MegabyteMessageStreamsThroughAJvmWithA256MegabyteHeap() throws Exception {
        String user = "ceiling@contoso.com";
        empty(user);
        Path big = dir.resolve("big.eml");
        byte[] digest = writeLargeMessage(big, 149L * 1024 * 1024); // just under the 150 MB (MiB) limit
        try (IMAPStore store = login(port("DOVECOT_SOURCE_PORT"), user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.doCommand(p -> {
                p.append("INBOX", new Flags(Flags.Flag.SEEN), null, new FileLiteral(big));
                return null;
            });
        }
        List<String> command = new ArrayList<>(List.of(
                java(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.mailferry.MailferryApplication"));
        command.addAll(syncArguments(user, "--max-message-size", "150MB"));
        Process pass = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("big.log").toFile())
                .start();
        assertThat(pass.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(dir.resolve("big.log"));
        assertThat(pass.exitValue()).as(log).isZero();
        assertThat(log).contains("Summary: copied 1, skipped 0").doesNotContain("OutOfMemoryError");

        try (IMAPStore store = login(port("DOVECOT_TARGET_PORT"), user)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (java.security.DigestOutputStream out =
                    new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), sha)) {
                ((IMAPMessage) inbox.getMessage(1)).writeTo(out);
            }
            assertThat(sha.digest()).as("the 150 MB message byte for byte").isEqualTo(digest);
            inbox.close(false);
        }
    }

    /** A message with a base64 attachment of about {@code size} bytes, written without holding it in memory. */
    static byte[] writeLargeMessage(Path file, long size) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (java.io.OutputStream out = new java.security.DigestOutputStream(
                new java.io.BufferedOutputStream(Files.newOutputStream(file)), sha)) {
            out.write(("From: archive@contoso.com\r\nTo: ceiling@contoso.com\r\nSubject: 150 MB scan\r\n"
                            + "Message-ID: <large-150@contoso.com>\r\nMIME-Version: 1.0\r\n"
                            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.util.Random random = new java.util.Random(150);
            byte[] chunk = new byte[57];
            for (long written = 0; written < size; written += 78) {
                random.nextBytes(chunk);
                out.write(java.util.Base64.getEncoder().encode(chunk));
                out.write('\r');
                out.write('\n');
            }
        }
        return sha.digest();
    }

    /** An APPEND literal streamed from a file. */
    record FileLiteral(Path file) implements org.eclipse.angus.mail.iap.Literal {
        @Override
        public int size() {
            try {
                return Math.toIntExact(Files.size(file));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void writeTo(java.io.OutputStream os) throws IOException {
            Files.copy(file, os);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    /** Empties the user on both servers and seeds the source with the corpus. */
    String fresh(String user) throws Exception {
        empty(user);
        run(List.of(
                java(),
                "bench/ImapAppend.java",
                "--corpus",
                corpus.toString(),
                "--host",
                HOST,
                "--port",
                env.get("DOVECOT_SOURCE_PORT"),
                "--user",
                user,
                "--password-file",
                env.get("DOVECOT_PASSWORD_FILE")));
        return user;
    }

    static void empty(String user) throws Exception {
        for (String port : List.of("DOVECOT_SOURCE_PORT", "DOVECOT_TARGET_PORT")) {
            try (IMAPStore store = login(port(port), user)) {
                empty(store);
            }
        }
    }

    /** Leaves the signed-in mailbox with an empty INBOX and no other folder. */
    static void empty(IMAPStore store) throws Exception {
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (f.getFullName().equalsIgnoreCase("INBOX") && f.getMessageCount() > 0) {
                f.open(Folder.READ_WRITE);
                f.setFlags(1, f.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
                f.close(true);
            }
        }
        for (Folder f : store.getDefaultFolder().list("*")) {
            if (!f.getFullName().equalsIgnoreCase("INBOX") && f.exists()) {
                f.delete(true);
            }
        }
    }

    List<String> syncArguments(String user, String... extra) {
        String encoded = user.replace("@", "%40");
        List<String> args = new ArrayList<>(List.of(
                "sync",
                "--source",
                "imap://" + encoded + "@" + HOST + ":" + env.get("DOVECOT_SOURCE_PORT"),
                "--target",
                "imap://" + encoded + "@" + HOST + ":" + env.get("DOVECOT_TARGET_PORT"),
                "--source-password-file",
                env.get("DOVECOT_PASSWORD_FILE"),
                "--target-password-file",
                env.get("DOVECOT_PASSWORD_FILE"),
                // the test Dovecot's plain ports (a warning is printed; the TLS test below uses imaps://)
                "--allow-plaintext",
                "--state",
                dir.resolve("state").toString()));
        for (int i = 0; i < extra.length; i += 2) {
            int at = args.indexOf(extra[i]);
            if (at >= 0 && i + 1 < extra.length && !extra[i + 1].startsWith("--")) {
                args.set(at + 1, extra[i + 1]);
            } else {
                args.add(extra[i]);
                if (i + 1 < extra.length) {
                    args.add(extra[i + 1]);
                }
            }
        }
        return args;
    }

    int sync(String user, String... extra) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = MailferryCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(syncArguments(user, extra).toArray(String[]::new));
    }

    String summary() {
        List<String> lines = out.toString().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** Every source folder's messages are on the target in the planned folder: bytes, flags, internal date. */
    void assertSameMailbox(String user) throws Exception {
        try (IMAPStore source = login(port("DOVECOT_SOURCE_PORT"), user);
                IMAPStore target = login(port("DOVECOT_TARGET_PORT"), user)) {
            int total = 0;
            for (FolderPlan.Pair pair : FolderPlan.plan(source, target)) {
                Map<String, Integer> want = contents(pair.source());
                Map<String, Integer> have = contents((IMAPFolder) target.getFolder(pair.targetName()));
                assertThat(have)
                        .as(pair.sourceName() + " -> " + pair.targetName())
                        .isEqualTo(want);
                total += want.values().stream().mapToInt(Integer::intValue).sum();
            }
            int onTarget = 0;
            for (Folder f : target.getDefaultFolder().list("*")) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    onTarget += f.getMessageCount();
                }
            }
            assertThat(onTarget).as("nothing extra on the target").isEqualTo(total);
            assertThat(total).isEqualTo(400);
        }
    }

    /** SHA-256 of the raw message + flags + internal date -> how many such messages (distinct ones may share all). */
    static Map<String, Integer> contents(IMAPFolder folder) throws Exception {
        Map<String, Integer> result = new TreeMap<>();
        if (!folder.exists()) {
            return result;
        }
        folder.open(Folder.READ_ONLY);
        try {
            Message[] all = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.ENVELOPE);
            folder.fetch(all, profile);
            FlagRules rules = new FlagRules(new Flags(Flags.Flag.USER));
            for (Message m : all) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                ((IMAPMessage) m).writeTo(raw);
                String key = HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.toByteArray())) + " ["
                        + rules.canonical(m.getFlags()) + "] "
                        + m.getReceivedDate().toInstant();
                result.merge(key, 1, Integer::sum);
            }
        } finally {
            folder.close(false);
        }
        return result;
    }

    int targetCount(String user) throws Exception {
        try (IMAPStore target = login(port("DOVECOT_TARGET_PORT"), user)) {
            int n = 0;
            for (Folder f : target.getDefaultFolder().list("*")) {
                if ((f.getType() & Folder.HOLDS_MESSAGES) != 0) {
                    n += f.getMessageCount();
                }
            }
            return n;
        }
    }

    static int port(String variable) {
        return Integer.parseInt(env.get(variable));
    }

    static IMAPStore login(int port, String user) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect(HOST, port, user, env.get("DOVECOT_PASSWORD"));
        return store;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}

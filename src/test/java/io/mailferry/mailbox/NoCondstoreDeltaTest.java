package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delta pass against a source without CONDSTORE, as Exchange 2010–2019 and Exchange Online are (GreenMail offers
 * no CONDSTORE either): what goes over the wire, read from Angus Mail's protocol trace of the source connections.
 */
class NoCondstoreDeltaTest {
    static final String USER = "user01@contoso.com";
    static final String PASSWORD = "secret";
    static final Instant JAN = Instant.parse("2024-01-15T09:30:00Z");

    GreenMail source;
    GreenMail target;
    JdbcTemplate jdbc;
    long mailboxId;
    final ByteArrayOutputStream sourceTrace = new ByteArrayOutputStream();
    final ByteArrayOutputStream targetTrace = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        source = Imap.start();
        target = Imap.start();
        source.setUser(USER, USER, PASSWORD);
        target.setUser(USER, USER, PASSWORD);
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        mailboxId = mailbox();
        for (int i = 0; i < 30; i++) {
            Flags flags = i % 3 == 0 ? new Flags(Flags.Flag.SEEN) : new Flags();
            if (i % 5 == 0) {
                flags.add("$Label" + (i % 2));
            }
            put("INBOX", i, flags);
        }
        put("Projects", 100, new Flags(Flags.Flag.FLAGGED));
    }

    @AfterEach
    void tearDown() {
        source.stop();
        target.stop();
    }

    @Test
    void anUnchangedDeltaIsOneUidFetchOfUidAndFlagsPerFolderAndNothingElse() throws Exception {
        assertThat(GreenMailCapabilities.of(source)).doesNotContain("CONDSTORE", "QRESYNC");
        assertThat(pass(false).messagesCopied()).isEqualTo(31);

        SliceResult delta = pass(false);

        assertThat(delta.complete()).isTrue();
        assertThat(delta.messagesCopied()).isZero();
        assertThat(delta.flagsUpdated()).isZero();
        List<String> sourceFetches = commands(sourceTrace, "FETCH");
        assertThat(sourceFetches)
                .as("one UID FETCH per folder, no per-message fetch")
                .containsExactlyInAnyOrder("UID FETCH 1:* (UID FLAGS)", "UID FETCH 1:* (UID FLAGS)");
        assertThat(commands(targetTrace, "FETCH")).isEmpty();
        assertThat(commands(targetTrace, "STORE")).isEmpty();
        assertThat(commands(targetTrace, "APPEND")).isEmpty();
    }

    @Test
    void aDeltaPicksUpAFlagChangeANewMessageAndADeletion() throws Exception {
        pass(true);
        Imap.setFlag(source, USER, PASSWORD, "INBOX", 4, new Flags(Flags.Flag.FLAGGED), true);
        Imap.setFlag(source, USER, PASSWORD, "INBOX", 1, new Flags(Flags.Flag.SEEN), false);
        put("INBOX", 31, new Flags(Flags.Flag.ANSWERED));
        Imap.setFlag(source, USER, PASSWORD, "INBOX", 7, new Flags(Flags.Flag.DELETED), true);
        Imap.expunge(source, USER, PASSWORD, "INBOX");

        SliceResult delta = pass(true);

        assertThat(delta.complete()).isTrue();
        assertThat(delta.messagesCopied()).isEqualTo(1);
        assertThat(delta.flagsUpdated()).isEqualTo(2);
        assertThat(delta.deleted()).isEqualTo(1);
        assertThat(commands(sourceTrace, "FETCH"))
                .filteredOn(c -> c.contains("(UID FLAGS)"))
                .containsExactlyInAnyOrder("UID FETCH 1:* (UID FLAGS)", "UID FETCH 1:* (UID FLAGS)");
        assertThat(contents(target)).isEqualTo(contents(source));

        SliceResult again = pass(true);
        assertThat(again.messagesCopied() + again.flagsUpdated() + again.deleted())
                .isZero();
    }

    /** Subject and flags of every INBOX message, in UID order. */
    private static List<String> contents(GreenMail server) throws Exception {
        return Imap.read(server, USER, PASSWORD, "INBOX").stream()
                .map(m -> m.text().replaceAll("(?s).*Subject: ([^\r]*).*", "$1") + " [" + m.flags() + "]")
                .toList();
    }

    private SliceResult pass(boolean mirrorDeletions) throws Exception {
        sourceTrace.reset();
        targetTrace.reset();
        try (IMAPStore from = login(source, sourceTrace);
                IMAPStore to = login(target, targetTrace)) {
            return new MailboxSync(jdbc, new SyncOptions(1 << 20, 2, mirrorDeletions), Clock.systemUTC())
                    .run(mailboxId, from, to, Instant.now().plusSeconds(60));
        }
    }

    /** The commands sent (tag removed) whose name contains {@code word}. */
    private static List<String> commands(ByteArrayOutputStream trace, String word) {
        return trace.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.matches("[A-Z]+\\d+ .*"))
                .map(l -> l.substring(l.indexOf(' ') + 1))
                .filter(c -> c.split(" ")[0].equals(word) || (c.startsWith("UID ") && c.split(" ")[1].equals(word)))
                .toList();
    }

    private static IMAPStore login(GreenMail server, ByteArrayOutputStream trace) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        Session session = Session.getInstance(props);
        session.setDebug(true);
        session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect("127.0.0.1", Imap.port(server), USER, PASSWORD);
        return store;
    }

    private void put(String folder, int n, Flags flags) throws Exception {
        Imap.append(
                source,
                USER,
                PASSWORD,
                folder,
                Imap.message("<m" + n + "@contoso.com>", "Message " + n, "body " + n),
                flags,
                JAN.plusSeconds(n * 60L));
    }

    /** The rows the sync state hangs off: two endpoints, a batch and its one mailbox. */
    private long mailbox() {
        for (String name : List.of("source", "target")) {
            jdbc.update(
                    "INSERT INTO mf_migration_endpoint (name, host, port, security, login_mode, created_at) "
                            + "VALUES (?, '127.0.0.1', 143, 'NONE', 'SHARED_PASSWORD', CURRENT_TIMESTAMP)",
                    name);
        }
        jdbc.update("INSERT INTO mf_batch (name, domain, source_endpoint_id, target_endpoint_id, created_at) "
                + "SELECT 'Wave', 'contoso.com', s.id, t.id, CURRENT_TIMESTAMP FROM mf_migration_endpoint s, "
                + "mf_migration_endpoint t WHERE s.name = 'source' AND t.name = 'target'");
        jdbc.update("INSERT INTO mf_batch_mailbox (batch_id, source_address, target_address, status) " + "SELECT id, '"
                + USER + "', '" + USER + "', 'QUEUED' FROM mf_batch");
        return jdbc.queryForObject("SELECT id FROM mf_batch_mailbox", Long.class);
    }

    /** What a GreenMail server announces after login. */
    static final class GreenMailCapabilities {
        static String of(GreenMail server) throws Exception {
            try (IMAPStore store = Imap.login(server, USER, PASSWORD)) {
                StringBuilder all = new StringBuilder();
                for (String c : List.of("CONDSTORE", "QRESYNC", "IMAP4REV1", "UIDPLUS")) {
                    if (store.hasCapability(c)) {
                        all.append(c).append(' ');
                    }
                }
                assertThat(all.toString()).as("the capability check works").contains("IMAP4REV1");
                return all.toString();
            }
        }
    }
}

package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Flags;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
    final ImapTrace sourceTrace = new ImapTrace();
    final ImapTrace targetTrace = new ImapTrace();

    @BeforeEach
    void setUp() throws Exception {
        source = Imap.start();
        target = Imap.start();
        source.setUser(USER, USER, PASSWORD);
        target.setUser(USER, USER, PASSWORD);
        jdbc = new JdbcTemplate(TestDatabase.migrated());
        mailboxId = SyncStateRows.mailbox(jdbc, USER);
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
        List<String> sourceFetches = sourceTrace.commands("FETCH");
        assertThat(sourceFetches)
                .as("one UID FETCH per folder, no per-message fetch")
                .containsExactlyInAnyOrder("UID FETCH 1:* (UID FLAGS)", "UID FETCH 1:* (UID FLAGS)");
        assertThat(targetTrace.commands("FETCH")).isEmpty();
        assertThat(targetTrace.commands("STORE")).isEmpty();
        assertThat(targetTrace.commands("APPEND")).isEmpty();
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
        assertThat(sourceTrace.commands("FETCH"))
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
        try (IMAPStore from = sourceTrace.login(Imap.port(source), USER, PASSWORD);
                IMAPStore to = targetTrace.login(Imap.port(target), USER, PASSWORD)) {
            return new MailboxSync(jdbc, new SyncOptions(1 << 20, 2, mirrorDeletions), Clock.systemUTC())
                    .run(mailboxId, from, to, Instant.now().plusSeconds(60));
        }
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

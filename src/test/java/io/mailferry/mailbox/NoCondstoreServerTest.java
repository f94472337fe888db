package io.mailferry.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The delta pass from a real Dovecot whose CAPABILITY lacks CONDSTORE and QRESYNC, as Exchange's does (the
 * "nocondstore" instance of src/test/dovecot/start-dovecot.sh, DOVECOT_NOCONDSTORE_PORT) into the test target: what
 * goes over the wire for an unchanged folder of thousands of messages, and that changes are still found.
 */
@Tag("server")
class NoCondstoreServerTest {
    static final String USER = "user40@contoso.com";
    static final int MESSAGES = 3000;
    static final Instant JAN = Instant.parse("2024-01-15T09:30:00Z");

    final Map<String, String> env = System.getenv();
    final ImapTrace sourceTrace = new ImapTrace();
    final ImapTrace targetTrace = new ImapTrace();

    @Test
    void anUnchangedDeltaIsOneUidFetchPerFolderAndChangesAreStillFound() throws Exception {
        for (String name : List.of("DOVECOT_NOCONDSTORE_PORT", "DOVECOT_TARGET_PORT", "DOVECOT_PASSWORD")) {
            assertThat(env.get(name))
                    .as(name + " (run src/test/dovecot/start-dovecot.sh DIR and load DIR/env)")
                    .isNotBlank();
        }
        try (IMAPStore source = login(sourceTrace, "DOVECOT_NOCONDSTORE_PORT");
                IMAPStore target = login(targetTrace, "DOVECOT_TARGET_PORT")) {
            assertThat(source.hasCapability("CONDSTORE") || source.hasCapability("QRESYNC"))
                    .as("the source offers neither CONDSTORE nor QRESYNC")
                    .isFalse();
            DovecotSyncServerTest.empty(source);
            DovecotSyncServerTest.empty(target);
            seed(source);
        }
        JdbcTemplate jdbc = new JdbcTemplate(TestDatabase.migrated());
        long mailboxId = SyncStateRows.mailbox(jdbc, USER);
        assertThat(pass(jdbc, mailboxId, false).messagesCopied()).isEqualTo(MESSAGES + 1);

        SliceResult unchanged = pass(jdbc, mailboxId, false);

        assertThat(unchanged.complete()).isTrue();
        assertThat(unchanged.messagesCopied() + unchanged.flagsUpdated()).isZero();
        assertThat(sourceTrace.commands("FETCH"))
                .as("INBOX and Archive: one UID FETCH each, nothing per message")
                .containsExactly("UID FETCH 1:* (UID FLAGS)", "UID FETCH 1:* (UID FLAGS)");
        assertThat(sourceTrace.commands("STATUS")).noneMatch(c -> c.contains("HIGHESTMODSEQ"));
        assertThat(targetTrace.commands("FETCH")).isEmpty();
        assertThat(targetTrace.commands("STORE")).isEmpty();
        assertThat(targetTrace.commands("APPEND")).isEmpty();

        try (IMAPStore source = login(new ImapTrace(), "DOVECOT_NOCONDSTORE_PORT")) {
            IMAPFolder inbox = (IMAPFolder) source.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            // by position: UIDs go on growing from one run of the test to the next
            inbox.getMessage(10).setFlag(Flags.Flag.SEEN, true);
            inbox.getMessage(MESSAGES / 2).setFlag(Flags.Flag.FLAGGED, false);
            inbox.getMessage(20).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            append(inbox, MESSAGES + 1, new Flags(Flags.Flag.ANSWERED));
        }

        SliceResult changed = pass(jdbc, mailboxId, true);

        assertThat(changed.complete()).isTrue();
        assertThat(changed.messagesCopied()).isEqualTo(1);
        assertThat(changed.flagsUpdated()).isEqualTo(2);
        assertThat(changed.deleted()).isEqualTo(1);
        assertThat(inbox("DOVECOT_TARGET_PORT")).isEqualTo(inbox("DOVECOT_NOCONDSTORE_PORT"));
    }

    private SliceResult pass(JdbcTemplate jdbc, long mailboxId, boolean mirrorDeletions) throws Exception {
        sourceTrace.reset();
        targetTrace.reset();
        try (IMAPStore source = login(sourceTrace, "DOVECOT_NOCONDSTORE_PORT");
                IMAPStore target = login(targetTrace, "DOVECOT_TARGET_PORT")) {
            return new MailboxSync(jdbc, new SyncOptions(1 << 20, 2, mirrorDeletions), Clock.systemUTC())
                    .run(mailboxId, source, target, Instant.now().plusSeconds(300));
        }
    }

    /** INBOX as Message-ID and flags per message, in Message-ID order (UIDs differ between the servers). */
    private List<String> inbox(String portVariable) throws Exception {
        try (IMAPStore store = login(new ImapTrace(), portVariable)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] all = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            inbox.fetch(all, profile);
            FlagRules rules = new FlagRules(new Flags(Flags.Flag.USER));
            List<String> result = new ArrayList<>();
            for (Message m : all) {
                result.add(m.getHeader("Message-ID")[0] + " " + rules.canonical(m.getFlags()));
            }
            inbox.close(false);
            return result.stream().sorted().toList();
        }
    }

    /** MESSAGES small messages in INBOX (every third \Seen, every seventh \Flagged), one in Archive. */
    private static void seed(IMAPStore source) throws Exception {
        IMAPFolder inbox = (IMAPFolder) source.getFolder("INBOX");
        for (int i = 1; i <= MESSAGES; i++) {
            Flags flags = new Flags();
            if (i % 3 == 0) {
                flags.add(Flags.Flag.SEEN);
            }
            if (i % 7 == 0 || i == MESSAGES / 2) {
                flags.add(Flags.Flag.FLAGGED);
            }
            append(inbox, i, flags);
        }
        IMAPFolder archive = (IMAPFolder) source.getFolder("Archive");
        archive.create(Folder.HOLDS_MESSAGES);
        append(archive, 0, new Flags(Flags.Flag.SEEN));
    }

    private static void append(IMAPFolder folder, int n, Flags flags) throws Exception {
        byte[] raw = Imap.message("<n" + n + "@contoso.com>", "Message " + n, "body " + n);
        Literal literal = new Literal() {
            @Override
            public int size() {
                return raw.length;
            }

            @Override
            public void writeTo(java.io.OutputStream os) throws java.io.IOException {
                os.write(raw);
            }
        };
        folder.doCommand(p -> {
            p.append(folder.getFullName(), flags, Date.from(JAN.plusSeconds(n * 60L)), literal);
            return null;
        });
    }

    private IMAPStore login(ImapTrace trace, String portVariable) throws Exception {
        return trace.login(Integer.parseInt(env.get(portVariable)), USER, env.get("DOVECOT_PASSWORD"));
    }
}

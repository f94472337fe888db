package io.mailferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailferry.mailbox.NoDelaySocketFactory;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoMailboxSeederTest {
    private static final DemoProperties PROPERTIES = DemoProperties.onFreePorts(5);
    private static DemoMailServers servers;
    private static DemoMailboxSeeder seeder;
    private static long seedMillis;

    @BeforeAll
    static void startAndSeed() throws Exception {
        servers = new DemoMailServers(PROPERTIES);
        seeder = new DemoMailboxSeeder(servers, PROPERTIES);
        long started = System.nanoTime();
        seeder.afterPropertiesSet();
        seedMillis = (System.nanoTime() - started) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        servers.destroy();
    }

    private static Store connect(int port, String address) throws Exception {
        Properties imap = new Properties();
        imap.put("mail.imap.socketFactory", new NoDelaySocketFactory());
        Store store = Session.getInstance(imap).getStore("imap");
        store.connect("127.0.0.1", port, address, "demo");
        return store;
    }

    @Test
    void serversListenOnFreePortsOfTheLoopback() {
        assertThat(List.of(
                        servers.onPremisesImapPort(),
                        servers.onPremisesSmtpPort(),
                        servers.cloudImapPort(),
                        servers.cloudSmtpPort()))
                .doesNotContain(0, 3143, 3025, 4143, 4025)
                .doesNotHaveDuplicates();
        assertThat(seedMillis).as("seeding five mailboxes").isLessThan(2_000);
    }

    @Test
    void everyMailboxHasTheFolderHierarchyWithTheServersSeparator() throws Exception {
        try (Store store = connect(servers.onPremisesImapPort(), "user03@contoso.com")) {
            char separator = store.getDefaultFolder().getSeparator();
            Set<String> names = new HashSet<>();
            for (Folder folder : store.getDefaultFolder().list("*")) {
                names.add(folder.getFullName());
            }
            assertThat(names)
                    .contains(
                            "INBOX",
                            "Sent Items",
                            "Deleted Items",
                            "Drafts",
                            "Projects",
                            "Projects" + separator + "2024",
                            "Archiv",
                            "Archiv" + separator + "Überblick");
            Folder archive = store.getFolder("Archiv" + separator + "Überblick");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getName()).isEqualTo("Überblick");
            assertThat(archive.getMessageCount()).isEqualTo(2);
        }
    }

    @Test
    void messageCountsMatchAndAreRealistic() throws Exception {
        for (String address : PROPERTIES.addresses()) {
            assertThat(seeder.seededMessageCount(address)).as(address).isBetween(15, 30);
        }
        // every folder costs a Nagle-delayed round trip; the first and the last mailbox make the point
        for (String address : List.of("user01@contoso.com", "user05@contoso.com")) {
            int expected = seeder.seededMessageCount(address);
            try (Store store = connect(servers.onPremisesImapPort(), address)) {
                int total = 0;
                for (Folder folder : store.getDefaultFolder().list("*")) {
                    if ((folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
                        total += folder.getMessageCount();
                    }
                }
                assertThat(total).as(address).isEqualTo(expected);
            }
        }
        assertThat(seeder.seededMessageCount("nobody@contoso.com")).isZero();
    }

    @Test
    void inboxHoldsTheAwkwardCases() throws Exception {
        try (Store store = connect(servers.onPremisesImapPort(), "user01@contoso.com")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            profile.add("Message-ID");
            profile.add("Content-Transfer-Encoding");
            profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
            inbox.fetch(messages, profile);
            List<String> ids = new ArrayList<>();
            int withoutId = 0;
            boolean attachment = false;
            boolean eightBit = false;
            Set<Integer> years = new HashSet<>();
            Flags seenFlags = new Flags();
            for (Message message : messages) {
                String[] id = message.getHeader("Message-ID");
                if (id == null) {
                    withoutId++;
                } else {
                    ids.add(id[0]);
                }
                attachment |=
                        message.isMimeType("multipart/mixed") && raw(message).contains("filename=budget.csv");
                if (Arrays.toString(message.getHeader("Content-Transfer-Encoding"))
                        .contains("8bit")) {
                    eightBit = raw(message).contains("Größe");
                }
                years.add(message.getReceivedDate()
                        .toInstant()
                        .atZone(ZoneOffset.UTC)
                        .getYear());
                seenFlags.add(message.getFlags());
            }
            assertThat(withoutId).isEqualTo(1);
            assertThat(ids).filteredOn(id -> id.startsWith("<shared-")).hasSize(2);
            assertThat(ids.stream()
                            .filter(id -> id.startsWith("<shared-"))
                            .distinct()
                            .count())
                    .isEqualTo(1);
            assertThat(attachment).as("multipart with attachment").isTrue();
            assertThat(eightBit).as("raw 8-bit UTF-8 body").isTrue();
            assertThat(years).as("internal dates spread over years").hasSizeGreaterThanOrEqualTo(3);
            assertThat(seenFlags.contains(Flags.Flag.SEEN)).isTrue();
            assertThat(seenFlags.contains(Flags.Flag.FLAGGED)).isTrue();
            assertThat(seenFlags.contains(Flags.Flag.ANSWERED)).isTrue();
        }
    }

    @Test
    void draftsAreMarkedAsDrafts() throws Exception {
        try (Store store = connect(servers.onPremisesImapPort(), "user02@contoso.com")) {
            Folder drafts = store.getFolder("Drafts");
            drafts.open(Folder.READ_ONLY);
            assertThat(drafts.getMessages())
                    .hasSize(2)
                    .allSatisfy(m ->
                            assertThat(m.getFlags().contains(Flags.Flag.DRAFT)).isTrue());
        }
    }

    @Test
    void cloudSideKnowsTheUsersButHoldsNoMail() throws Exception {
        try (Store store = connect(servers.cloudImapPort(), "user05@contoso.com")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isZero();
        }
    }

    @Test
    void contentIsDeterministic() throws Exception {
        Session session = Session.getInstance(new Properties());
        List<DemoMailboxContent.Item> first = DemoMailboxContent.of(session, "user04@contoso.com", 4);
        List<DemoMailboxContent.Item> second = DemoMailboxContent.of(session, "user04@contoso.com", 4);
        assertThat(first).hasSameSizeAs(second);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).folder()).isEqualTo(first.get(i).folder());
            assertThat(withoutBoundaries(raw(second.get(i).message())))
                    .isEqualTo(withoutBoundaries(raw(first.get(i).message())));
        }
    }

    /** MIME boundaries are random by design; everything else must repeat. */
    private static String withoutBoundaries(String raw) {
        return raw.replaceAll("----=_Part_[0-9_.]+", "BOUNDARY");
    }

    private static String raw(Message message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

package io.mailferry.demo;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

/**
 * What one demo mailbox holds: a deterministic (seeded) mix of the folders and messages a real Exchange mailbox
 * has, including the cases that trip migrations up: attachments, 8-bit bodies, a message without Message-ID,
 * two different messages with the same Message-ID, drafts, and internal dates spread over years. Mailboxes after the
 * {@value #FULL_MIX_MAILBOXES}th hold a light mix (four messages in two folders), so a demo of 2,000 mailboxes seeds
 * in seconds and its cutover measures the engine rather than the copying.
 */
final class DemoMailboxContent {
    /** Where a message goes; an empty path is the INBOX. */
    record Item(List<String> folder, MimeMessage message) {}

    static final List<String> INBOX = List.of();
    static final List<String> SENT = List.of("Sent Items");
    static final List<String> DELETED = List.of("Deleted Items");
    static final List<String> DRAFTS = List.of("Drafts");
    static final List<String> PROJECTS = List.of("Projects");
    static final List<String> PROJECTS_2024 = List.of("Projects", "2024");
    static final List<String> ARCHIVE = List.of("Archiv", "Überblick");
    /** Parents before children, so each can be created in turn. */
    static final List<List<String>> FOLDERS =
            List.of(SENT, DELETED, DRAFTS, PROJECTS, PROJECTS_2024, List.of("Archiv"), ARCHIVE);
    /** Mailboxes 1 to this one hold the full mix, the others the light one. */
    static final int FULL_MIX_MAILBOXES = 100;

    private static final String[] SUBJECTS = {
        "Quarterly figures",
        "Lunch on Friday?",
        "Server maintenance window",
        "Re: Budget 2024",
        "Travel request",
        "Meeting notes",
        "Customer feedback",
        "New starter next week",
        "Holiday schedule",
        "Printer on 3rd floor",
        "Contract renewal",
        "Fw: Conference invitation"
    };
    private static final Instant EARLIEST = Instant.parse("2019-01-07T08:00:00Z");
    private static final Instant START_2024 = Instant.parse("2024-01-08T08:00:00Z");
    /** Fixed, not now, so the content does not change from one day to the next. */
    private static final Instant LATEST = Instant.parse("2025-06-30T17:00:00Z");

    private final Session session;
    private final String address;
    private final String domain;
    private final int index;
    private final Random random;
    private final List<Item> items = new ArrayList<>();
    private int counter;

    private DemoMailboxContent(Session session, String address, int index) {
        this.session = session;
        this.address = address;
        this.domain = address.substring(address.indexOf('@') + 1);
        this.index = index;
        this.random = new Random(4_711L + index);
    }

    /** The items of the {@code index}-th (1-based) demo mailbox {@code address}, same every time. */
    static List<Item> of(Session session, String address, int index) throws MessagingException {
        return new DemoMailboxContent(session, address, index).build();
    }

    private List<Item> build() throws MessagingException {
        return index <= FULL_MIX_MAILBOXES ? full() : light();
    }

    /** Three messages in the INBOX, one of them read and answered, and one sent. */
    private List<Item> light() throws MessagingException {
        for (int i = 0; i < 3; i++) {
            add(INBOX, plain(colleague(), address, subject(), between(EARLIEST, LATEST), nextId()), inboxFlags());
        }
        add(
                SENT,
                plain(address, colleague(), subject(), between(EARLIEST, LATEST), nextId()),
                new Flags(Flags.Flag.SEEN));
        return items;
    }

    private List<Item> full() throws MessagingException {
        int inbox = 7 + random.nextInt(4);
        for (int i = 0; i < inbox; i++) {
            add(INBOX, plain(colleague(), address, subject(), between(EARLIEST, LATEST), nextId()), inboxFlags());
        }
        add(
                INBOX,
                withAttachment(colleague(), address, "Agenda for the offsite", between(EARLIEST, LATEST)),
                new Flags(Flags.Flag.SEEN));
        add(INBOX, utf8(colleague(), address, between(EARLIEST, LATEST)), new Flags());
        add(
                INBOX,
                plain("newsletter@example.org", address, "Monthly newsletter", between(EARLIEST, LATEST), null),
                new Flags(Flags.Flag.SEEN));
        String sharedId = "<shared-" + index + "@" + domain + ">";
        Flags answered = new Flags(Flags.Flag.SEEN);
        answered.add(Flags.Flag.ANSWERED);
        add(
                INBOX,
                plain(colleague(), address, "Minutes (first version)", between(EARLIEST, LATEST), sharedId),
                answered);
        add(
                INBOX,
                plain(colleague(), address, "Minutes (corrected)", between(EARLIEST, LATEST), sharedId),
                new Flags(Flags.Flag.FLAGGED));
        for (int i = 0, n = 3 + random.nextInt(3); i < n; i++) {
            add(
                    SENT,
                    plain(address, colleague(), subject(), between(EARLIEST, LATEST), nextId()),
                    new Flags(Flags.Flag.SEEN));
        }
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
            add(
                    DELETED,
                    plain(colleague(), address, subject(), between(EARLIEST, LATEST), nextId()),
                    new Flags(Flags.Flag.SEEN));
        }
        for (int i = 0; i < 2; i++) {
            add(
                    DRAFTS,
                    plain(address, colleague(), "Draft: " + subject(), between(START_2024, LATEST), nextId()),
                    new Flags(Flags.Flag.DRAFT));
        }
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
            add(
                    PROJECTS,
                    plain(
                            colleague(),
                            address,
                            "Project Falcon: " + subject(),
                            between(EARLIEST, START_2024),
                            nextId()),
                    new Flags(Flags.Flag.SEEN));
        }
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
            add(
                    PROJECTS_2024,
                    plain(
                            colleague(),
                            address,
                            "Project Heron: " + subject(),
                            between(START_2024, START_2024.plus(Duration.ofDays(340))),
                            nextId()),
                    new Flags(Flags.Flag.SEEN));
        }
        add(
                ARCHIVE,
                utf8(colleague(), address, between(EARLIEST, EARLIEST.plus(Duration.ofDays(400)))),
                new Flags(Flags.Flag.SEEN));
        add(
                ARCHIVE,
                withAttachment(
                        colleague(),
                        address,
                        "Jahresüberblick 2019",
                        between(EARLIEST, EARLIEST.plus(Duration.ofDays(400)))),
                new Flags(Flags.Flag.SEEN));
        return items;
    }

    private void add(List<String> folder, MimeMessage message, Flags flags) throws MessagingException {
        message.setFlags(flags, true);
        items.add(new Item(folder, message));
    }

    private Flags inboxFlags() {
        Flags flags = new Flags();
        if (random.nextInt(10) < 7) {
            flags.add(Flags.Flag.SEEN);
        }
        if (random.nextInt(5) == 0) {
            flags.add(Flags.Flag.FLAGGED);
        }
        if (random.nextInt(4) == 0) {
            flags.add(Flags.Flag.ANSWERED);
        }
        return flags;
    }

    private MimeMessage plain(String from, String to, String subject, Date date, String messageId)
            throws MessagingException {
        MimeMessage message = header(from, to, subject, date, messageId);
        message.setText(
                "Hello,\n\n" + subject + ": please see below.\n\nKind regards\n"
                        + DemoProperties.displayName(from.contains("user") ? from : address) + "\n",
                "US-ASCII");
        return message;
    }

    private MimeMessage withAttachment(String from, String to, String subject, Date date) throws MessagingException {
        MimeMessage message = header(from, to, subject, date, nextId());
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hello,\n\nthe file is attached.\n", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(
                "item;amount\nVenue;1200\nCatering;480\n".getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8");
        attachment.setFileName("budget.csv");
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        message.setContent(new MimeMultipart(text, attachment));
        return message;
    }

    /** Sent as raw 8-bit UTF-8, not quoted-printable, as many Exchange servers store it. */
    private MimeMessage utf8(String from, String to, Date date) throws MessagingException {
        MimeMessage message = header(from, to, "Grüße aus München – Überblick", date, nextId());
        message.setText("Hallo,\n\nhier der Überblick: Größe, Maße und Preise in €.\n\nGrüße\n", "UTF-8");
        message.saveChanges();
        message.setHeader("Content-Transfer-Encoding", "8bit");
        return message;
    }

    private MimeMessage header(String from, String to, String subject, Date date, String messageId)
            throws MessagingException {
        MimeMessage message = new DemoMessage(session, messageId);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setSentDate(date);
        return message;
    }

    private String colleague() {
        int other = 1 + random.nextInt(20);
        return other == index ? "helpdesk@" + domain : String.format("user%02d@%s", other, domain);
    }

    private String subject() {
        return SUBJECTS[random.nextInt(SUBJECTS.length)];
    }

    private String nextId() {
        return "<demo-" + index + "-" + (++counter) + "@" + domain + ">";
    }

    private Date between(Instant from, Instant to) {
        long span = to.getEpochSecond() - from.getEpochSecond();
        return Date.from(from.plusSeconds(Math.floorMod(random.nextLong(), span)));
    }
}

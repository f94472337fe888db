package io.mailferry.e2e;

import io.mailferry.mailbox.NoDelaySocketFactory;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.eclipse.angus.mail.imap.IMAPFolder;

/** The demo's mailboxes over IMAP on 127.0.0.1: read to compare Microsoft 365 with on-premises, or given new mail. */
final class DemoMailboxes {
    private DemoMailboxes() {}

    /**
     * Folder name → sorted "sha256 flags internal-date subject" of every message whose subject {@code keep} accepts:
     * two mailboxes are equal when every message is there byte for byte, in the same folder, with the same flags and
     * date.
     */
    static Map<String, List<String>> read(int imapPort, String address, String password, Predicate<String> keep)
            throws Exception {
        Map<String, List<String>> content = new TreeMap<>();
        Properties imap = new Properties();
        imap.put("mail.imap.socketFactory", new NoDelaySocketFactory());
        imap.put("mail.imap.partialfetch", "false");
        try (Store store = Session.getInstance(imap).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, password);
            for (Folder folder : store.getDefaultFolder().list("*")) {
                if ((folder.getType() & Folder.HOLDS_MESSAGES) == 0) {
                    continue;
                }
                folder.open(Folder.READ_ONLY);
                List<String> messages = new ArrayList<>();
                Message[] all = folder.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.FLAGS);
                profile.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
                // every message in one FETCH: one round trip per message takes seconds against GreenMail
                profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                folder.fetch(all, profile);
                for (Message m : all) {
                    ByteArrayOutputStream raw = new ByteArrayOutputStream();
                    m.writeTo(raw);
                    Flags flags = m.getFlags();
                    flags.remove(Flags.Flag.RECENT);
                    String subject = new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray())).getSubject();
                    if (!keep.test(subject)) {
                        continue;
                    }
                    messages.add(
                            HexFormat.of()
                                            .formatHex(MessageDigest.getInstance("SHA-256")
                                                    .digest(raw.toByteArray())) + " " + flagString(flags) + " "
                                    + m.getReceivedDate().getTime() + " " + subject);
                }
                folder.close(false);
                messages.sort(String::compareTo);
                content.put(folder.getFullName(), messages);
            }
        }
        return content;
    }

    /** Every message of the mailbox. */
    static Map<String, List<String>> read(int imapPort, String address, String password) throws Exception {
        return read(imapPort, address, password, subject -> true);
    }

    /** Puts a new message from a partner into the INBOX, as mail arriving at the server would. */
    static void deliver(int imapPort, String address, String password, String subject, String text) throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage message = new MimeMessage(session);
        message.setFrom("partner@fabrikam.com");
        message.setRecipients(Message.RecipientType.TO, address);
        message.setSubject(subject);
        message.setText(text);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort, address, password);
            store.getFolder("INBOX").appendMessages(new Message[] {message});
        }
    }

    private static String flagString(Flags flags) {
        List<String> names = new ArrayList<>();
        for (Flags.Flag f : flags.getSystemFlags()) {
            names.add(
                    f == Flags.Flag.SEEN
                            ? "\\Seen"
                            : f == Flags.Flag.ANSWERED
                                    ? "\\Answered"
                                    : f == Flags.Flag.FLAGGED
                                            ? "\\Flagged"
                                            : f == Flags.Flag.DRAFT
                                                    ? "\\Draft"
                                                    : f == Flags.Flag.DELETED ? "\\Deleted" : "?");
        }
        names.addAll(List.of(flags.getUserFlags()));
        names.sort(String::compareTo);
        return String.join(",", names);
    }
}

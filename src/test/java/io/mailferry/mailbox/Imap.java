package io.mailferry.mailbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Literal;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Test peer helpers: a GreenMail server on a dynamic port, raw APPENDs into it and raw reads out of it. */
final class Imap {
    record Stored(long uid, byte[] raw, String flags, Instant internalDate) {
        String text() {
            return new String(raw, StandardCharsets.ISO_8859_1);
        }
    }

    private Imap() {}

    static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        server.start();
        return server;
    }

    static int port(GreenMail server) {
        return server.getImap().getPort();
    }

    static IMAPStore login(GreenMail server, String user, String password) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port(server), user, password);
        return store;
    }

    static byte[] message(String messageId, String subject, String body) {
        StringBuilder text = new StringBuilder();
        text.append("From: Alice <alice@contoso.com>\r\n")
                .append("To: Bob <user01@contoso.com>\r\n")
                .append("Subject: ")
                .append(subject)
                .append("\r\n")
                .append("Date: Mon, 7 Feb 2022 21:52:25 -0800\r\n");
        if (messageId != null) {
            text.append("Message-ID: ").append(messageId).append("\r\n");
        }
        text.append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(body)
                .append("\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static long append(
            GreenMail server,
            String user,
            String password,
            String folderName,
            byte[] raw,
            Flags flags,
            Instant internalDate)
            throws Exception {
        try (IMAPStore store = login(server, user, password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            if (!folder.exists()) {
                folder.create(Folder.HOLDS_MESSAGES);
            }
            Literal literal = new Literal() {
                @Override
                public int size() {
                    return raw.length;
                }

                @Override
                public void writeTo(OutputStream os) throws java.io.IOException {
                    os.write(raw);
                }
            };
            Object uid = folder.doCommand(p -> p.appenduid(folderName, flags, Date.from(internalDate), literal));
            return ((org.eclipse.angus.mail.imap.AppendUID) uid).uid;
        }
    }

    static List<Stored> read(GreenMail server, String user, String password, String folderName) throws Exception {
        try (IMAPStore store = login(server, user, password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_ONLY);
            Message[] all = folder.getMessages();
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.FLAGS);
            profile.add(FetchProfile.Item.ENVELOPE);
            folder.fetch(all, profile);
            List<Stored> result = new ArrayList<>();
            for (Message m : all) {
                ByteArrayOutputStream raw = new ByteArrayOutputStream();
                m.writeTo(raw);
                result.add(new Stored(
                        folder.getUID(m),
                        raw.toByteArray(),
                        new FlagRules(new Flags(Flags.Flag.USER)).canonical(m.getFlags()),
                        m.getReceivedDate().toInstant()));
            }
            folder.close(false);
            return result;
        }
    }

    static void expunge(GreenMail server, String user, String password, String folderName) throws Exception {
        try (IMAPStore store = login(server, user, password)) {
            Folder folder = store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            folder.close(true);
        }
    }

    static void setFlag(
            GreenMail server, String user, String password, String folderName, long uid, Flags flags, boolean set)
            throws Exception {
        try (IMAPStore store = login(server, user, password)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(folderName);
            folder.open(Folder.READ_WRITE);
            ((IMAPMessage) folder.getMessageByUID(uid)).setFlags(flags, set);
            folder.close(false);
        }
    }
}

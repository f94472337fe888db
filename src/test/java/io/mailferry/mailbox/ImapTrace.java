package io.mailferry.mailbox;

import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/** Angus Mail's protocol trace of the stores signed in through it, so a test can see which commands were sent. */
final class ImapTrace {
    private final ByteArrayOutputStream trace = new ByteArrayOutputStream();

    /** Signs in over plain IMAP (test servers on 127.0.0.1 only), tracing every connection of the store. */
    IMAPStore login(int port, String user, String password) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.imap.peek", "true");
        Session session = Session.getInstance(props);
        session.setDebug(true);
        session.setDebugOut(new PrintStream(trace, true, StandardCharsets.UTF_8));
        IMAPStore store = (IMAPStore) session.getStore("imap");
        store.connect("127.0.0.1", port, user, password);
        return store;
    }

    void reset() {
        trace.reset();
    }

    /** The commands sent since the last reset (tag removed) named {@code name}, also as {@code UID name}. */
    List<String> commands(String name) {
        return trace.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(l -> l.matches("[A-Z]+\\d+ .*"))
                .map(l -> l.substring(l.indexOf(' ') + 1))
                .filter(c -> c.split(" ")[0].equals(name) || (c.startsWith("UID ") && c.split(" ")[1].equals(name)))
                .toList();
    }
}

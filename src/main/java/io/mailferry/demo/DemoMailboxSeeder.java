package io.mailferry.demo;

import io.mailferry.mailbox.NoDelaySocketFactory;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Fills the on-premises demo mailboxes over IMAP (CREATE and APPEND, as a user's mail client would), so the
 * migration meets data the way it would meet a real server's, with the server's own hierarchy separator. The light
 * mailboxes of a large demo (after the 100th, see {@link DemoMailboxContent}) are stored in the stand-in directly:
 * their content is plain, and 2,000 of them over IMAP would take most of a minute of Nagle-delayed round trips.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mailferry.demo.join", havingValue = "false", matchIfMissing = true)
public class DemoMailboxSeeder implements InitializingBean {
    private static final Logger log = LoggerFactory.getLogger(DemoMailboxSeeder.class);

    /**
     * Mailboxes are seeded side by side: most of the time goes to waiting for GreenMail's Nagle-delayed
     * answers (~40 ms per round trip), not to work.
     */
    private static final int MAX_PARALLEL = 8;

    private final DemoMailServers servers;
    private final DemoProperties properties;
    private final Map<String, Integer> seeded = new ConcurrentHashMap<>();

    public DemoMailboxSeeder(DemoMailServers servers, DemoProperties properties) {
        this.servers = servers;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() throws MessagingException {
        long started = System.nanoTime();
        Session session = Session.getInstance(imapProperties());
        List<String> addresses = properties.addresses();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(addresses.size(), MAX_PARALLEL));
        try {
            List<Future<Integer>> counts = new ArrayList<>();
            for (int i = 0; i < addresses.size(); i++) {
                String address = addresses.get(i);
                int index = i + 1;
                counts.add(pool.submit(() -> seed(session, address, index)));
            }
            for (int i = 0; i < addresses.size(); i++) {
                seeded.put(addresses.get(i), result(counts.get(i), addresses.get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
        log.info(
                "Seeded {} on-premises demo mailboxes with {} messages in {} ms",
                addresses.size(),
                seeded.values().stream().mapToInt(Integer::intValue).sum(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static int result(Future<Integer> count, String address) throws MessagingException {
        try {
            return count.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MessagingException cause) {
                throw cause;
            }
            throw new IllegalStateException("Seeding the demo mailbox " + address + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while seeding the demo mailbox " + address, e);
        }
    }

    /** Messages placed in {@code address}'s mailbox at startup; 0 for an address that is not a demo user. */
    public int seededMessageCount(String address) {
        return seeded.getOrDefault(address, 0);
    }

    private int seed(Session session, String address, int index) throws MessagingException {
        List<DemoMailboxContent.Item> items = DemoMailboxContent.of(session, address, index);
        if (index > DemoMailboxContent.FULL_MIX_MAILBOXES) {
            for (DemoMailboxContent.Item item : items) {
                item.message().saveChanges(); // as APPEND's writeTo would: the Message-ID is set here
                String folder = String.join("/", item.folder()); // top-level folders only: no separator is used
                servers.storeOnPremises(
                        address, folder, item.message(), item.message().getFlags());
            }
            return items.size();
        }
        try (Store store = session.getStore("imap")) {
            store.connect(servers.host(), servers.onPremisesImapPort(), address, properties.password());
            char separator = store.getDefaultFolder().getSeparator();
            for (List<String> path : DemoMailboxContent.FOLDERS) {
                create((IMAPFolder) store.getFolder(String.join(String.valueOf(separator), path)));
            }
            for (Map.Entry<List<String>, List<Message>> batch : byFolder(items).entrySet()) {
                String name =
                        batch.getKey().isEmpty() ? "INBOX" : String.join(String.valueOf(separator), batch.getKey());
                store.getFolder(name).appendMessages(batch.getValue().toArray(Message[]::new));
            }
        }
        return items.size();
    }

    /**
     * A bare IMAP CREATE. {@link Folder#create} adds LIST round trips whose multi-line answers GreenMail sends
     * with Nagle on, costing ~40 ms each; the mailboxes are new, so nothing needs checking first.
     */
    private static void create(IMAPFolder folder) throws MessagingException {
        String name = folder.getFullName();
        folder.doCommand(protocol -> {
            protocol.create(name);
            return null;
        });
    }

    private static Map<List<String>, List<Message>> byFolder(List<DemoMailboxContent.Item> items) {
        Map<List<String>, List<Message>> byFolder = new LinkedHashMap<>();
        for (DemoMailboxContent.Item item : items) {
            byFolder.computeIfAbsent(item.folder(), f -> new ArrayList<>()).add(item.message());
        }
        return byFolder;
    }

    private static Properties imapProperties() {
        Properties imap = new Properties();
        imap.put("mail.imap.connectiontimeout", "5000");
        imap.put("mail.imap.timeout", "10000");
        imap.put("mail.imap.socketFactory", new NoDelaySocketFactory());
        return imap;
    }
}

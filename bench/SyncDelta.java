import com.sun.management.GarbageCollectionNotificationInfo;
import io.mailferry.mailbox.ImapSecurity;
import io.mailferry.mailbox.ImapServer;
import io.mailferry.mailbox.SliceResult;
import io.mailferry.mailbox.StandaloneSync;
import io.mailferry.mailbox.SyncOptions;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Mailferry's sync passes in this JVM, measured from inside: for the mailbox-sync benchmark's delta on a folder
 * without CONDSTORE. Runs {@code --passes} passes (default 2: the first in a cold JVM, as the command runs it, then a
 * warm one) with the same state folder and prints, per pass, the engine's own time (sign-in to in sync) and the
 * extra heap it needed: the most heap in use right after any garbage collection during the pass, minus the heap in
 * use after a full collection just before it. Run it on the unpacked jar with a small young generation, so
 * collections happen often enough to see the peak:
 * {@code java -XX:+UseSerialGC -Xmn8m -Xmx512m -cp DIR/mailferry.jar bench/SyncDelta.java --source-port P
 * --target-port P --user U --password-file F --state DIR}. The last line per pass reads
 * {@code Result: pass N, copied C, flags F, seconds S, extra heap MiB H}.
 */
public final class SyncDelta {
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        char[] password = Files.readString(Path.of(options.get("--password-file")), StandardCharsets.UTF_8)
                .strip()
                .toCharArray();
        String user = options.get("--user");
        StandaloneSync.Account source = new StandaloneSync.Account(
                new ImapServer("127.0.0.1", Integer.parseInt(options.get("--source-port")), ImapSecurity.NONE),
                user,
                password,
                null);
        StandaloneSync.Account target = new StandaloneSync.Account(
                new ImapServer("127.0.0.1", Integer.parseInt(options.get("--target-port")), ImapSecurity.NONE),
                user,
                password,
                null);
        int passes = Integer.parseInt(options.getOrDefault("--passes", "2"));
        AtomicLong peakAfterGc = new AtomicLong();
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                        .filter(e -> heapPools.contains(e.getKey()))
                                        .mapToLong(e -> e.getValue().getUsed())
                                        .sum();
                                peakAfterGc.accumulateAndGet(used, Math::max);
                            },
                            n -> n.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION),
                            null);
        }
        StandaloneSync sync = StandaloneSync.open(Path.of(options.get("--state")));
        for (int pass = 1; pass <= passes; pass++) {
            System.gc();
            System.gc();
            Thread.sleep(200); // the notifications of those collections arrive on another thread
            long baseline =
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peakAfterGc.set(baseline);
            StandaloneSync.Outcome outcome = sync.sync(source, target, new SyncOptions(35L << 20, 2, false));
            // what is still referenced at the end counts too
            System.gc();
            Thread.sleep(200);
            SliceResult r = outcome.result();
            System.out.printf(
                    Locale.ROOT,
                    "Result: pass %d, copied %d, flags %d, seconds %.3f, extra heap MiB %.1f%s%n",
                    pass,
                    r.messagesCopied(),
                    r.flagsUpdated(),
                    outcome.elapsed().toNanos() / 1e9,
                    Math.max(0, peakAfterGc.get() - baseline) / 1048576.0,
                    r.complete() ? "" : " (NOT complete)");
        }
    }
}

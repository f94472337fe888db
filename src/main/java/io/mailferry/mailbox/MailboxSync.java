package io.mailferry.mailbox;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The sync engine for one mailbox: brings every folder of a signed-in target up to date with a signed-in source,
 * keeping its state under a mailbox id in our tables. The batch service and the command line both drive it.
 * A folder whose STATUS proves it unchanged since it was last in sync is not even opened. Folders that need work
 * are synced several at a time (largest first), each on its own pair of connections: a server that writes every
 * message to disk before answering keeps one connection waiting, so two keep it busy.
 */
public final class MailboxSync {
    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);

    private record Work(FolderPlan.Pair pair, SourceStatus before) {}

    private final SyncStateStore state;
    private final SyncOptions options;
    private final Clock clock;

    public MailboxSync(JdbcTemplate jdbc, SyncOptions options, Clock clock) {
        this.state = new SyncStateStore(jdbc);
        this.options = options;
        this.clock = clock;
    }

    /** Copies until everything is in sync or {@code deadline} passes (checked between messages). */
    public SliceResult run(long mailboxId, IMAPStore source, IMAPStore target, Instant deadline) {
        return run(mailboxId, source, target, deadline, () -> false);
    }

    /**
     * As {@link #run(long, IMAPStore, IMAPStore, Instant)}, also stopping between two messages once {@code leaseLost}
     * says another run may own the mailbox now; the slice then reports itself incomplete.
     */
    public SliceResult run(
            long mailboxId, IMAPStore source, IMAPStore target, Instant deadline, BooleanSupplier leaseLost) {
        return run(mailboxId, source, target, deadline, leaseLost, new FolderSync.Counters());
    }

    /**
     * As above, counting into {@code total}, which keeps what was done also when the run fails: a run continued on
     * new connections ({@link TokenRenewal}) adds to the same counters.
     */
    SliceResult run(
            long mailboxId,
            IMAPStore source,
            IMAPStore target,
            Instant deadline,
            BooleanSupplier leaseLost,
            FolderSync.Counters total) {
        List<Work> work = new ArrayList<>();
        String folderName = null;
        try {
            Map<String, SyncStateStore.FolderState> states = new HashMap<>();
            Map<String, String> targets = new HashMap<>();
            for (SyncStateStore.FolderState f : state.folders(mailboxId)) {
                states.put(f.sourceFolder(), f);
                targets.put(f.sourceFolder(), f.targetFolder());
            }
            List<FolderPlan.Pair> plan = FolderPlan.plan(source, target, targets);
            Map<String, Long> targetValidities = states.isEmpty() ? Map.of() : SourceStatus.allUidValidities(target);
            for (FolderPlan.Pair pair : plan) {
                folderName = pair.sourceName();
                SourceStatus before = SourceStatus.of(pair.source());
                SyncStateStore.FolderState known = states.get(folderName);
                if (known != null
                        && known.unchangedSince(before, pair.targetName())
                        && java.util.Objects.equals(
                                known.targetUidValidity(),
                                targetValidities == null
                                        ? SourceStatus.uidValidityOrNull(
                                                (IMAPFolder) target.getFolder(pair.targetName()))
                                        : targetValidities.get(pair.targetName()))) {
                    total.foldersUnchanged++;
                } else {
                    work.add(new Work(pair, before));
                }
            }
            // Parents before children (the plan's order): a child created first leaves its parent unselectable.
            for (Work w : work) {
                folderName = w.pair().source().getFullName();
                createIfMissing(target, w.pair().targetName());
            }
        } catch (MessagingException | RuntimeException e) {
            throw failure(folderName, e);
        }
        work.sort(Comparator.comparingLong((Work w) -> w.before().messages()).reversed());
        boolean complete = syncAll(mailboxId, target, work, deadline, total, leaseLost);
        log.debug(
                "Mailbox {}: {} folders unchanged, {} synced, {} copied, {} throttled",
                mailboxId,
                total.foldersUnchanged,
                work.size(),
                total.copied,
                total.throttled);
        return new SliceResult(
                complete,
                total.copied,
                total.flagsUpdated,
                total.skipped,
                total.bytes,
                total.foldersUnchanged,
                total.deleted);
    }

    private boolean syncAll(
            long mailboxId,
            IMAPStore target,
            List<Work> work,
            Instant deadline,
            FolderSync.Counters total,
            BooleanSupplier leaseLost) {
        Queue<Work> queue = new ConcurrentLinkedQueue<>(work);
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier stopped = () -> stop.get() || leaseLost.getAsBoolean();
        int workers = Math.min(options.parallelFolders(), work.size());
        if (workers == 0) {
            return true;
        }
        // Always on threads of our own, also for one folder: the state written after each APPEND must commit
        // at once, not join the caller's transaction (a Camunda job's), which a failure would roll back.
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "mailferry-folders-" + mailboxId);
            t.setDaemon(true);
            return t;
        });
        try {
            List<FolderSync.Counters> counters = new ArrayList<>();
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                FolderSync.Counters mine = new FolderSync.Counters();
                counters.add(mine);
                results.add(pool.submit(() -> worker(mailboxId, target, queue, deadline, stop, stopped, mine)));
            }
            boolean complete = true;
            RuntimeException failure = null;
            for (Future<Boolean> result : results) {
                try {
                    complete &= result.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r
                                ? r
                                : new MailboxSyncException(e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stop.set(true);
                    throw new MailboxSyncException("Interrupted while syncing folders", e);
                }
            }
            counters.forEach(total::add);
            if (failure != null) {
                throw failure;
            }
            return complete && !leaseLost.getAsBoolean();
        } finally {
            pool.shutdown();
        }
    }

    /** Takes folders from the queue until it is empty, the deadline passes, or another worker failed. */
    private boolean worker(
            long mailboxId,
            IMAPStore target,
            Queue<Work> queue,
            Instant deadline,
            AtomicBoolean stop,
            BooleanSupplier stopped,
            FolderSync.Counters counters) {
        FolderSync folderSync = new FolderSync(state, options, deadline, clock, counters, stopped);
        Work next;
        while (!stopped.getAsBoolean() && (next = queue.poll()) != null) {
            String name = next.pair().source().getFullName();
            try {
                IMAPFolder targetFolder =
                        (IMAPFolder) target.getFolder(next.pair().targetName());
                if (!folderSync.sync(mailboxId, next.pair().source(), targetFolder, next.before())) {
                    stop.set(true);
                    return false;
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                stop.set(true);
                throw failure(name, e);
            }
        }
        return !stopped.getAsBoolean() || queue.isEmpty();
    }

    private static MailboxSyncException failure(String folderName, Exception e) {
        if (e instanceof MailboxSyncException known) {
            return known;
        }
        return new MailboxSyncException(
                (folderName == null ? "Listing folders" : "Folder " + folderName) + ": " + e.getMessage(), e);
    }

    private static void createIfMissing(IMAPStore target, String name) throws MessagingException {
        IMAPFolder folder = (IMAPFolder) target.getFolder(name);
        if (folder.exists() && (folder.getType() & Folder.HOLDS_MESSAGES) != 0) {
            return;
        }
        // Also when it "exists" only as the implied parent of another folder, which cannot hold messages.
        if (!folder.create(Folder.HOLDS_MESSAGES)) {
            throw new MailboxSyncException("Cannot create folder '" + name + "' in the target mailbox");
        }
        try {
            folder.setSubscribed(true);
        } catch (MessagingException e) {
            log.debug("Target does not let us subscribe {}: {}", name, e.getMessage());
        }
    }
}

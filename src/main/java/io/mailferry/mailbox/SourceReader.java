package io.mailferry.mailbox;

import jakarta.mail.FetchProfile;
import jakarta.mail.Message;
import jakarta.mail.MessageRemovedException;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

/**
 * Reads the messages to copy from the source on its own thread, ahead of the APPENDs to the target, so the two
 * connections work at the same time and a pass costs about max(read, write) rather than their sum. Small messages
 * come many to one FETCH (one round trip per few MiB); large ones stream to a temporary file. What waits in the
 * queue is bounded in bytes, so memory stays flat whatever the mailbox holds.
 */
final class SourceReader implements Runnable, AutoCloseable {
    /** A message ready to append, one to skip (with the reason), or one expunged meanwhile (raw and reason null). */
    record Fetched(
            long uid,
            MessageIdentity identity,
            String flags,
            Date internalDate,
            RawMessage raw,
            String skipReason,
            int permits,
            boolean large) {}

    private static final int METADATA_CHUNK = 250;
    private static final int SMALL_MESSAGE = 1024 * 1024;
    private static final long BODY_BATCH_BYTES = 8L * 1024 * 1024;
    private static final int BODY_BATCH_MESSAGES = 200;
    /** In KiB: how much message data may wait in memory between reader and writer. */
    private static final int QUEUE_KIB = 32 * 1024;

    private static final Fetched END = new Fetched(0, null, null, null, null, null, 0, false);

    private final IMAPFolder source;
    private final List<IMAPMessage> pending;
    private final FlagRules rules;
    private final long maxMessageSize;
    /** Unbounded in entries (every message holds at least 1 KiB of the byte budget), so END always fits. */
    private final BlockingQueue<Fetched> queue = new LinkedBlockingQueue<>();
    /** Messages over 1 MiB wait as temporary files; two at a time keep disk use to two large messages. */
    private final Semaphore spilled = new Semaphore(2);

    private final Semaphore memory = new Semaphore(QUEUE_KIB);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Throwable failure;
    private volatile boolean finished;

    SourceReader(IMAPFolder source, List<IMAPMessage> pending, FlagRules rules, long maxMessageSize) {
        this.source = source;
        this.pending = pending;
        this.rules = rules;
        this.maxMessageSize = maxMessageSize;
        this.thread = new Thread(this, "mailferry-reader-" + source.getFullName());
        thread.setDaemon(true);
    }

    SourceReader start() {
        thread.start();
        return this;
    }

    /** The next message in UID order, or null when all were read; rethrows what stopped the reader. */
    Fetched next() throws MessagingException, IOException, InterruptedException {
        Fetched next = queue.take();
        if (next == END) {
            queue.put(END);
            if (failure instanceof MessagingException e) {
                throw e;
            }
            if (failure instanceof IOException e) {
                throw e;
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure != null || !finished) {
                // An Error or an interrupt: the messages not read must never look like "all read".
                throw new MailboxSyncException(
                        "Reading " + source.getFullName() + " stopped before the end: "
                                + (failure == null ? "interrupted" : failure),
                        failure);
            }
            return null;
        }
        return next;
    }

    /** Gives the message's memory back to the reader and deletes its temporary file, if any. */
    void done(Fetched fetched) {
        if (fetched.raw() != null) {
            fetched.raw().close();
        }
        if (fetched.large()) {
            spilled.release();
        }
        memory.release(fetched.permits());
    }

    @Override
    public void run() {
        try {
            for (int from = 0; from < pending.size() && !stopped; from += METADATA_CHUNK) {
                List<IMAPMessage> chunk = pending.subList(from, Math.min(pending.size(), from + METADATA_CHUNK));
                FetchProfile metadata = new FetchProfile();
                metadata.add(UIDFolder.FetchProfileItem.UID);
                metadata.add(FetchProfile.Item.ENVELOPE);
                metadata.add(FetchProfile.Item.SIZE);
                metadata.add(FetchProfile.Item.FLAGS);
                source.fetch(chunk.toArray(Message[]::new), metadata);
                readBodies(chunk);
            }
            finished = !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure = e;
        } finally {
            queue.add(END);
        }
    }

    private void readBodies(List<IMAPMessage> chunk) throws MessagingException, IOException, InterruptedException {
        List<IMAPMessage> batch = new ArrayList<>();
        long batchBytes = 0;
        for (IMAPMessage message : chunk) {
            if (stopped) {
                return;
            }
            long size;
            try {
                size = message.getSize();
            } catch (MessageRemovedException gone) {
                continue;
            }
            if (size > maxMessageSize || size > SMALL_MESSAGE) {
                flushBatch(batch);
                batchBytes = 0;
                readAlone(message, size);
            } else {
                batch.add(message);
                batchBytes += size;
                if (batchBytes >= BODY_BATCH_BYTES || batch.size() >= BODY_BATCH_MESSAGES) {
                    flushBatch(batch);
                    batchBytes = 0;
                }
            }
        }
        flushBatch(batch);
    }

    private void readAlone(IMAPMessage message, long size)
            throws MessagingException, IOException, InterruptedException {
        long uid = source.getUID(message);
        MessageIdentity identity = MessageIdentity.of(message);
        if (size > maxMessageSize) {
            queue.put(new Fetched(
                    uid,
                    identity,
                    null,
                    null,
                    null,
                    "Message of " + Sizes.human(size) + " is larger than the " + Sizes.human(maxMessageSize)
                            + " limit (mailferry.sync.max-message-size)",
                    0,
                    false));
            return;
        }
        String flags = rules.canonical(message.getFlags());
        java.util.Date date = message.getReceivedDate();
        int permits = reserve(SMALL_MESSAGE);
        while (!spilled.tryAcquire(100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                memory.release(permits);
                throw new InterruptedException("reader stopped");
            }
        }
        try {
            queue.put(new Fetched(
                    uid, identity, flags, date, RawMessage.download(message, () -> stopped), null, permits, true));
        } catch (MessageRemovedException gone) {
            memory.release(permits);
            spilled.release();
        } catch (IOException | MessagingException | RuntimeException e) {
            memory.release(permits);
            spilled.release();
            throw e;
        }
    }

    /** One {@code UID FETCH set (BODY.PEEK[])} for the whole batch. */
    private void flushBatch(List<IMAPMessage> batch) throws MessagingException, InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        // Everything about the messages is read before the FETCH: its EXPUNGE responses would make them unreadable.
        long bytes = 0;
        long[] uids = new long[batch.size()];
        List<Fetched> described = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            IMAPMessage message = batch.get(i);
            uids[i] = source.getUID(message);
            long kib = Math.max(1, (message.getSize() + 1023) / 1024);
            bytes += kib * 1024;
            described.add(new Fetched(
                    uids[i],
                    MessageIdentity.of(message),
                    rules.canonical(message.getFlags()),
                    message.getReceivedDate(),
                    null,
                    null,
                    (int) kib,
                    false));
        }
        batch.clear();
        int permits = reserve(bytes);
        Map<Long, ByteArray> bodies = fetchBodies(uids);
        for (Fetched message : described) {
            ByteArray body = bodies.get(message.uid());
            int share = Math.min(permits, message.permits());
            permits -= share;
            if (body == null && bodies.containsKey(message.uid())) {
                queue.put(new Fetched(
                        message.uid(),
                        message.identity(),
                        null,
                        null,
                        null,
                        "The source server returned no content for this message (BODY[] NIL)",
                        share,
                        false));
            } else {
                queue.put(new Fetched(
                        message.uid(),
                        message.identity(),
                        message.flags(),
                        message.internalDate(),
                        body == null ? null : RawMessage.inMemory(body.getBytes(), body.getStart(), body.getCount()),
                        null,
                        share,
                        false));
            }
        }
        memory.release(permits);
    }

    @SuppressWarnings("unchecked")
    private Map<Long, ByteArray> fetchBodies(long[] uids) throws MessagingException {
        String set = UIDSet.toString(UIDSet.createUIDSets(uids));
        return (Map<Long, ByteArray>) source.doCommand(protocol -> {
            Response[] responses = protocol.command("UID FETCH " + set + " (UID BODY.PEEK[])", null);
            Map<Long, ByteArray> bodies = new HashMap<>();
            List<Response> others = new ArrayList<>();
            for (int i = 0; i < responses.length - 1; i++) {
                if (responses[i] instanceof FetchResponse fetch
                        && fetch.getItem(BODY.class) != null
                        && fetch.getItem(UID.class) != null) {
                    // null: the server answered BODY[] NIL, which must not become an empty message
                    bodies.put(
                            fetch.getItem(UID.class).uid,
                            fetch.getItem(BODY.class).getByteArray());
                } else {
                    others.add(responses[i]);
                }
            }
            // EXPUNGE and friends still reach the folder, so its message numbers stay right.
            protocol.notifyResponseHandlers(others.toArray(Response[]::new));
            protocol.handleResult(responses[responses.length - 1]);
            return bodies;
        });
    }

    /** Waits for room in the queue; a message larger than the whole queue waits until the queue is empty. */
    private int reserve(long bytes) throws InterruptedException {
        int kib = (int) Math.min(QUEUE_KIB, Math.max(1, (bytes + 1023) / 1024));
        while (!memory.tryAcquire(kib, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                throw new InterruptedException("reader stopped");
            }
        }
        return kib;
    }

    /** Stops reading, frees what is queued and waits for the reader, so the source folder can be closed. */
    @Override
    public void close() {
        stopped = true;
        Fetched f;
        while (thread.isAlive()) {
            while ((f = queue.poll()) != null) {
                if (f != END) {
                    done(f);
                }
            }
            try {
                thread.join(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        while ((f = queue.poll()) != null) {
            if (f != END) {
                done(f);
            }
        }
    }
}

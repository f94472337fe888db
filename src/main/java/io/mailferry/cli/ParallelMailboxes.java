package io.mailferry.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one pass per mailbox pair, at most {@code parallel} at once, in list order: each pass on its own thread (the
 * engine adds its folder threads below it). A pass that fails does not stop the others; its failure is kept with
 * its pair, so the command can name it.
 */
final class ParallelMailboxes {
    /** The pass of {@code item}: its result, or the exception it ended with. */
    record Done<I, R>(I item, R result, RuntimeException failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private ParallelMailboxes() {}

    /**
     * The passes' outcomes in list order; {@code each} hears of every one as it ends (from the pass's thread, one at
     * a time).
     */
    static <I, R> List<Done<I, R>> run(List<I> items, int parallel, Function<I, R> pass, Consumer<Done<I, R>> each) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, not " + parallel);
        }
        AtomicInteger started = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, Math.max(1, items.size())), r -> {
            Thread t = new Thread(r, "mailferry-mailbox-" + started.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Object reporting = new Object();
        try {
            List<Future<Done<I, R>>> futures = new ArrayList<>();
            for (I item : items) {
                futures.add(pool.submit(() -> {
                    Done<I, R> done;
                    try {
                        done = new Done<>(item, pass.apply(item), null);
                    } catch (RuntimeException e) {
                        done = new Done<>(item, null, e);
                    }
                    synchronized (reporting) {
                        each.accept(done);
                    }
                    return done;
                }));
            }
            List<Done<I, R>> outcomes = new ArrayList<>();
            for (Future<Done<I, R>> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while mailboxes were syncing", e);
        } catch (ExecutionException e) {
            // each pass catches its own failures; only an Error (out of memory) ends up here
            throw new IllegalStateException("A mailbox pass ended abnormally: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

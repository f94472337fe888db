package io.mailferry.mailbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most N mailboxes at once per endpoint on this node, first come first served. Both endpoints of a slice are
 * taken in id order, so two slices can never each hold one and wait for the other.
 */
final class EndpointLimiter {
    private final int perEndpoint;
    private final SyncMetrics metrics;
    private final Map<Long, Semaphore> permits = new ConcurrentHashMap<>();

    EndpointLimiter(int perEndpoint) {
        this(perEndpoint, SyncMetrics.unregistered());
    }

    EndpointLimiter(int perEndpoint, SyncMetrics metrics) {
        this.perEndpoint = perEndpoint;
        this.metrics = metrics;
    }

    /** A release handle, or null when {@code wait} passed without a turn on both endpoints. */
    AutoCloseable acquire(long sourceEndpoint, long targetEndpoint, Duration wait) throws InterruptedException {
        long first = Math.min(sourceEndpoint, targetEndpoint);
        long second = Math.max(sourceEndpoint, targetEndpoint);
        long deadline = System.nanoTime() + wait.toNanos();
        Semaphore a = permits.computeIfAbsent(first, id -> new Semaphore(perEndpoint, true));
        if (!take(a, first, wait.toNanos())) {
            return null;
        }
        if (first == second) {
            return a::release;
        }
        Semaphore b = permits.computeIfAbsent(second, id -> new Semaphore(perEndpoint, true));
        if (!take(b, second, Math.max(0, deadline - System.nanoTime()))) {
            a.release();
            return null;
        }
        return () -> {
            b.release();
            a.release();
        };
    }

    /** A turn on one endpoint within {@code waitNanos}; a slice that has to queue for it is measured. */
    private boolean take(Semaphore endpoint, long endpointId, long waitNanos) throws InterruptedException {
        // not tryAcquire(): that would take a free permit ahead of the slices already queued on the fair semaphore
        if (endpoint.tryAcquire(0, TimeUnit.NANOSECONDS)) {
            return true;
        }
        long queued = System.nanoTime();
        boolean turn = endpoint.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        metrics.endpointWait(endpointId, Duration.ofNanos(System.nanoTime() - queued), turn);
        return turn;
    }

    /** Mailboxes syncing against this endpoint now. */
    int inUse(long endpointId) {
        Semaphore s = permits.get(endpointId);
        return s == null ? 0 : perEndpoint - s.availablePermits();
    }
}

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
    private final Map<Long, Semaphore> permits = new ConcurrentHashMap<>();

    EndpointLimiter(int perEndpoint) {
        this.perEndpoint = perEndpoint;
    }

    /** A release handle, or null when {@code wait} passed without a turn on both endpoints. */
    AutoCloseable acquire(long sourceEndpoint, long targetEndpoint, Duration wait) throws InterruptedException {
        long first = Math.min(sourceEndpoint, targetEndpoint);
        long second = Math.max(sourceEndpoint, targetEndpoint);
        long deadline = System.nanoTime() + wait.toNanos();
        Semaphore a = permits.computeIfAbsent(first, id -> new Semaphore(perEndpoint, true));
        if (!a.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
            return null;
        }
        if (first == second) {
            return a::release;
        }
        Semaphore b = permits.computeIfAbsent(second, id -> new Semaphore(perEndpoint, true));
        if (!b.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            a.release();
            return null;
        }
        return () -> {
            b.release();
            a.release();
        };
    }

    /** Mailboxes syncing against this endpoint now. */
    int inUse(long endpointId) {
        Semaphore s = permits.get(endpointId);
        return s == null ? 0 : perEndpoint - s.availablePermits();
    }
}

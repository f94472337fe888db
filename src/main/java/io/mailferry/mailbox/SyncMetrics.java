package io.mailferry.mailbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The sync engine's meters for Prometheus (docs/operations-monitoring.md): what slices copied and skipped, how each
 * slice ended, and how long slices queued for a turn on a busy endpoint. Counters are created for every pass up
 * front, so a rate over them starts at zero instead of at the first slice.
 */
@Component
public class SyncMetrics {
    static final String MESSAGES_COPIED = "mailferry.messages.copied";
    static final String BYTES_COPIED = "mailferry.messages.copied.bytes";
    static final String MESSAGES_SKIPPED = "mailferry.messages.skipped";
    static final String SLICES = "mailferry.slices";
    static final String ENDPOINT_WAIT = "mailferry.endpoint.wait";

    /** How a slice ended: the {@code outcome} tag of {@value #SLICES}. */
    enum SliceOutcome {
        /** The mailbox is in sync for this pass. */
        COMPLETE,
        /** The budget ran out; the next slice continues. */
        PARTIAL,
        /** An error the job's retries and, after them, an incident take over. */
        FAILED,
        /** No turn on its endpoints within {@code mailferry.sync.endpoint-wait}; nothing was done. */
        NO_TURN,
        /** Another slice still held the mailbox; nothing was done. */
        MAILBOX_BUSY;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<SyncPass, Counter> copied = new EnumMap<>(SyncPass.class);
    private final Map<SyncPass, Counter> bytes = new EnumMap<>(SyncPass.class);
    private final Map<SyncPass, Counter> skipped = new EnumMap<>(SyncPass.class);
    private final Map<SyncPass, Map<SliceOutcome, Counter>> slices = new EnumMap<>(SyncPass.class);

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (SyncPass pass : SyncPass.values()) {
            String tag = pass.name().toLowerCase(Locale.ROOT);
            copied.put(
                    pass,
                    Counter.builder(MESSAGES_COPIED)
                            .description("Messages copied to the target")
                            .tag("pass", tag)
                            .register(registry));
            bytes.put(
                    pass,
                    Counter.builder(BYTES_COPIED)
                            .description("Size of the messages copied to the target")
                            .baseUnit("bytes")
                            .tag("pass", tag)
                            .register(registry));
            skipped.put(
                    pass,
                    Counter.builder(MESSAGES_SKIPPED)
                            .description("Messages not copied and reported instead (too large, refused by the target)")
                            .tag("pass", tag)
                            .register(registry));
            Map<SliceOutcome, Counter> byOutcome = new EnumMap<>(SliceOutcome.class);
            for (SliceOutcome outcome : SliceOutcome.values()) {
                byOutcome.put(
                        outcome,
                        Counter.builder(SLICES)
                                .description("Sync slices by how they ended")
                                .tag("pass", tag)
                                .tag("outcome", outcome.tag())
                                .register(registry));
            }
            slices.put(pass, byOutcome);
        }
    }

    /** Meters nobody reads: for a service built by hand (tests, the command line). */
    static SyncMetrics unregistered() {
        return new SyncMetrics(new SimpleMeterRegistry());
    }

    void sliceEnded(SyncPass pass, SliceResult result) {
        copied.get(pass).increment(result.messagesCopied());
        bytes.get(pass).increment(result.bytes());
        skipped.get(pass).increment(result.skipped());
        slice(pass, result.complete() ? SliceOutcome.COMPLETE : SliceOutcome.PARTIAL);
    }

    void slice(SyncPass pass, SliceOutcome outcome) {
        slices.get(pass).get(outcome).increment();
    }

    /** A slice had to queue for a turn on {@code endpointId}: for {@code waited}, and got it or not. */
    void endpointWait(long endpointId, Duration waited, boolean gotTurn) {
        Timer.builder(ENDPOINT_WAIT)
                .description("Time slices queued for a turn on an endpoint (mailferry.sync.max-mailboxes-per-endpoint)")
                .tag("endpoint", Long.toString(endpointId))
                .tag("outcome", gotTurn ? "turn" : "no_turn")
                .register(registry)
                .record(waited);
    }
}

package io.mailferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The mailboxes of a list run side by side up to the limit, never beyond, and one failing stops no other. */
class ParallelMailboxesTest {

    @Test
    void passesOverlapUpToTheLimitAndNeverBeyondIt() {
        int limit = 4;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // the first `limit` passes wait for each other: they can only all end if they run at the same time
        CountDownLatch together = new CountDownLatch(limit);
        List<Integer> items = IntStream.range(0, 13).boxed().toList();
        List<Integer> heard = Collections.synchronizedList(new ArrayList<>());

        List<ParallelMailboxes.Done<Integer, Integer>> done = ParallelMailboxes.run(
                items,
                limit,
                i -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    try {
                        together.countDown();
                        if (!together.await(10, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the first passes did not run together");
                        }
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    } finally {
                        running.decrementAndGet();
                    }
                    return i * 10;
                },
                d -> heard.add(d.item()));

        assertThat(most).hasValue(limit);
        assertThat(done).extracting(ParallelMailboxes.Done::failed).containsOnly(false);
        assertThat(done)
                .extracting(ParallelMailboxes.Done::result)
                .containsExactlyElementsOf(items.stream().map(i -> i * 10).toList());
        assertThat(heard).containsExactlyInAnyOrderElementsOf(items);
    }

    @Test
    void aFailingPassIsKeptWithItsItemAndTheOthersStillRun() {
        AtomicInteger ran = new AtomicInteger();

        List<ParallelMailboxes.Done<String, String>> done = ParallelMailboxes.run(
                List.of("a", "b", "c", "d"),
                2,
                s -> {
                    ran.incrementAndGet();
                    if (s.equals("b")) {
                        throw new IllegalStateException("b broke");
                    }
                    return s.toUpperCase();
                },
                d -> {});

        assertThat(ran).hasValue(4);
        assertThat(done.get(1).failed()).isTrue();
        assertThat(done.get(1).failure()).hasMessage("b broke");
        assertThat(done)
                .filteredOn(d -> !d.failed())
                .extracting(ParallelMailboxes.Done::result)
                .containsExactly("A", "C", "D");
    }
}

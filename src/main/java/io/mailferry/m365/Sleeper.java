package io.mailferry.m365;

import java.time.Duration;

/** Waits before a retry; tests record the waits instead of sleeping. */
@FunctionalInterface
interface Sleeper {
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}

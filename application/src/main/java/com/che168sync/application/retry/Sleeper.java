package com.che168sync.application.retry;

import java.time.Duration;

/** Waits. Services sleep only through an injected sleeper, so tests run in milliseconds with a fake one. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(Duration)}. */
    static Sleeper threadSleep() {
        return duration -> {
            if (duration.isPositive()) {
                Thread.sleep(duration);
            }
        };
    }
}

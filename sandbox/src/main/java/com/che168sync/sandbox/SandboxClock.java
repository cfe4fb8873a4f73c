package com.che168sync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that stands still until it is set: the "now" of a live site ({@link SiteDrift#liveCatalogue()}) that a
 * test or a demo moves from before the first change day (the initial load) to after the last (the reconciliation).
 */
public final class SandboxClock extends Clock {
    private volatile Instant now;

    public SandboxClock(Instant now) {
        this.now = Objects.requireNonNull(now, "now");
    }

    /** Moves the site's "now" (back or forth). */
    public void set(Instant instant) {
        this.now = Objects.requireNonNull(instant, "instant");
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}

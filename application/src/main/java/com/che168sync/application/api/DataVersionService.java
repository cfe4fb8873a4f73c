package com.che168sync.application.api;

import com.che168sync.application.port.out.api.LoadDataVersionPort;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The current data version, asked of the database at most once per {@code checkInterval}: what the API's ETags,
 * response cache, filter values and changes feed are keyed by. A request that finds the known version older than
 * the interval refreshes it before it is answered (others wait for that refresh), so no answer reflects a version
 * older than the interval. The settled version is only computed when the sequence moved.
 */
public final class DataVersionService {
    private final LoadDataVersionPort port;
    private final Clock clock;
    private final long intervalMillis;
    private volatile Checked checked;

    public DataVersionService(LoadDataVersionPort port, Clock clock, Duration checkInterval) {
        this.port = Objects.requireNonNull(port);
        this.clock = Objects.requireNonNull(clock);
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative");
        }
        this.intervalMillis = checkInterval.toMillis();
    }

    /** The data version, at most {@code checkInterval} old. */
    public long current() {
        Checked c = checked;
        long now = clock.millis();
        if (c != null && now - c.at() < intervalMillis) {
            return c.version();
        }
        synchronized (this) {
            c = checked;
            now = clock.millis();
            if (c != null && now - c.at() < intervalMillis) {
                return c.version();
            }
            long version;
            if (c != null && port.lastDrawn() == c.version()) {
                version = c.version();
            } else {
                OptionalLong settled = port.settled();
                // writes still in flight after the wait: their data is not visible yet, the last version stays true
                version = settled.isPresent() ? settled.getAsLong() : c == null ? 0 : c.version();
            }
            checked = new Checked(version, now);
            return version;
        }
    }

    private record Checked(long version, long at) {
    }
}

package com.che168sync.application.normalize;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/** Progress lines like the loaders': {@code Progress: 45.2% (112,500 / 250,000 records) | Speed: … | ETA …}. */
final class ProgressMeter {
    private final Clock clock;
    private final long total;
    private final long startMillis;
    private final Duration every;
    private long lastReportMillis;

    ProgressMeter(Clock clock, long total, Duration every) {
        this.clock = clock;
        this.total = total;
        this.every = every;
        this.startMillis = clock.millis();
        this.lastReportMillis = startMillis;
    }

    /** A line when {@code every} has passed since the last one (or {@code force}), else null. */
    String line(long done, boolean force) {
        long now = clock.millis();
        if (!force && now - lastReportMillis < every.toMillis()) {
            return null;
        }
        lastReportMillis = now;
        double elapsedMin = Math.max(now - startMillis, 1) / 60_000.0;
        double perMin = done / elapsedMin;
        long shownTotal = Math.max(total, done);
        double pct = shownTotal == 0 ? 100.0 : 100.0 * done / shownTotal;
        String eta = perMin <= 0 ? "unknown" : format(Duration.ofSeconds((long) ((shownTotal - done) / perMin * 60)));
        return String.format(Locale.ROOT, "Progress: %.1f%% (%,d / %,d records) | Speed: %,d records/min | ETA %s",
                pct, done, shownTotal, Math.round(perMin), eta);
    }

    double rowsPerSecond(long done) {
        return done * 1000.0 / Math.max(clock.millis() - startMillis, 1);
    }

    static String format(Duration d) {
        long s = Math.max(d.toSeconds(), 0);
        return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}

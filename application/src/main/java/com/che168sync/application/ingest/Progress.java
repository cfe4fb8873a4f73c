package com.che168sync.application.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The console progress line of SPEC §3.1:
 * {@code Progress: 45.2% (112,500 / 250,000 records) | Speed: 500 records/min | ETA: 4 h 35 min}, optionally
 * followed by {@code  | <context>} (the update's day). The total is an estimate; once exceeded it grows with the count
 * (and the percentage stays below 100 until the end). Not thread-safe: one thread at a time (the writer's, then the
 * caller's after the writer is idle).
 */
final class Progress {
    private final Clock clock;
    private final long estimatedTotal;
    private final long alreadyDone;
    private final Instant started;
    private final Duration interval;
    private final String context;
    private Instant lastPrinted;

    Progress(Clock clock, long estimatedTotal, long alreadyDone, Duration interval) {
        this(clock, estimatedTotal, alreadyDone, interval, null);
    }

    /** As the other constructor, with {@code context} appended to every line ({@code | context}); may be null. */
    Progress(Clock clock, long estimatedTotal, long alreadyDone, Duration interval, String context) {
        this.context = context;
        this.clock = clock;
        this.estimatedTotal = estimatedTotal;
        this.alreadyDone = alreadyDone;
        this.started = clock.instant();
        this.interval = interval;
        this.lastPrinted = started;
    }

    /** The line to print now, or null when the last one is more recent than the interval. */
    String lineIfDue(long doneThisRun) {
        Instant now = clock.instant();
        if (Duration.between(lastPrinted, now).compareTo(interval) < 0) {
            return null;
        }
        lastPrinted = now;
        return line(doneThisRun, now, false);
    }

    /** The final line. */
    String finalLine(long doneThisRun, boolean complete) {
        return line(doneThisRun, clock.instant(), complete);
    }

    private String line(long doneThisRun, Instant now, boolean complete) {
        long done = alreadyDone + doneThisRun;
        long total = complete ? done : Math.max(estimatedTotal, done);
        double pct = total == 0 ? 100.0 : Math.min(complete ? 100.0 : 99.9, 100.0 * done / total);
        double minutes = Math.max(Duration.between(started, now).toMillis(), 1) / 60_000.0;
        long perMinute = Math.round(doneThisRun / minutes);
        String eta;
        if (complete) {
            eta = "done";
        } else if (perMinute <= 0) {
            eta = "unknown";
        } else {
            eta = human(Duration.ofSeconds(Math.round((total - done) * 60.0 / perMinute)));
        }
        return String.format(Locale.ROOT, "Progress: %.1f%% (%s / %s records) | Speed: %s records/min | ETA: %s%s",
                pct, grouped(done), grouped(total), grouped(perMinute), eta, context == null ? "" : " | " + context);
    }

    static String grouped(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    /** {@code 4 h 35 min}, {@code 12 min}, {@code 40 s}. */
    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return h > 0 ? h + " h " + m + " min" : m + " min";
    }
}

package com.che168sync.application.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The one progress line of every job:
 * {@code Progress: 45.2% (112,500 / 250,000 records) | Speed: 500 records/min | ETA: 4 h 35 min}, optionally
 * followed by {@code  | <context>} (the update's day). When the total is an estimate (the source does not tell it),
 * the ETA says so ({@code ETA: ~19 min (the total is an estimate)}); once exceeded the total grows with the count (the
 * percentage stays below 100, the ETA is unknown), and the last line has the real total. Safe to call from several
 * threads.
 */
public final class Progress {
    private final JobReporter reporter;
    private final Clock clock;
    private final long estimatedTotal;
    private final boolean totalEstimated;
    private final long alreadyDone;
    private final Instant started;
    private final Duration interval;
    private final String context;
    private Instant lastPrinted;

    /**
     * @param estimatedTotal the records the run expects (including {@code alreadyDone})
     * @param alreadyDone    records done by earlier runs (a resumed load); not counted in the speed
     * @param interval       at most one line per interval
     * @param context        appended to every line ({@code | context}); may be null
     */
    public Progress(JobReporter reporter, Clock clock, long estimatedTotal, long alreadyDone, Duration interval,
                    String context) {
        this(reporter, clock, estimatedTotal, false, alreadyDone, interval, context);
    }

    /**
     * @param totalEstimated true when the source does not tell the total ({@code load}, {@code update}): lines
     *                       before the end say their ETA rests on an estimate, and the last line has the real total
     */
    public Progress(JobReporter reporter, Clock clock, long estimatedTotal, boolean totalEstimated, long alreadyDone,
                    Duration interval, String context) {
        this.totalEstimated = totalEstimated;
        this.reporter = reporter;
        this.clock = clock;
        this.estimatedTotal = estimatedTotal;
        this.alreadyDone = alreadyDone;
        this.interval = interval;
        this.context = context;
        this.started = clock.instant();
        this.lastPrinted = started;
    }

    /** Reports a line when the last one is older than the interval. */
    public void tick(long doneThisRun) {
        String line = lineIfDue(doneThisRun);
        if (line != null) {
            reporter.info(line);
        }
    }

    /** Reports the last line; {@code complete}: the run went through (100%, {@code ETA: done}). */
    public void finish(long doneThisRun, boolean complete) {
        reporter.info(finalLine(doneThisRun, complete));
    }

    synchronized String lineIfDue(long doneThisRun) {
        Instant now = clock.instant();
        if (Duration.between(lastPrinted, now).compareTo(interval) < 0) {
            return null;
        }
        lastPrinted = now;
        return line(doneThisRun, now, false);
    }

    synchronized String finalLine(long doneThisRun, boolean complete) {
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
        } else if (totalEstimated && done >= estimatedTotal) {
            eta = "unknown (past the estimated total of " + String.format(Locale.US, "%,d", estimatedTotal) + ")";
        } else if (perMinute <= 0) {
            eta = "unknown";
        } else {
            eta = Durations.human(Duration.ofSeconds(Math.round((total - done) * 60.0 / perMinute)));
            if (totalEstimated) {
                eta = "~" + eta + " (the total is an estimate)";
            }
        }
        return String.format(Locale.US, "Progress: %.1f%% (%,d / %,d records) | Speed: %,d records/min | ETA: %s%s",
                pct, done, total, perMinute, eta, context == null ? "" : " | " + context);
    }
}

package com.che168sync.application.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** One run under way: when it started, and its last line in the one format every job uses. */
public final class JobRun {
    private final JobSpec job;
    private final Clock clock;
    private final Instant started;

    JobRun(JobSpec job, Clock clock) {
        this.job = job;
        this.clock = clock;
        this.started = clock.instant();
    }

    public Instant started() {
        return started;
    }

    public Duration elapsed() {
        return Duration.between(started, clock.instant());
    }

    /** {@code load finished OK in 4 h 35 min: <summary>} or {@code … finished with errors in …}. */
    public String finishedLine(boolean ok, String summary) {
        return job.name() + " finished " + (ok ? "OK" : "with errors") + " in " + Durations.human(elapsed()) + ": "
                + summary;
    }
}

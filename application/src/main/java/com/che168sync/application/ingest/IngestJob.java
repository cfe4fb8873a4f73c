package com.che168sync.application.ingest;

import com.che168sync.application.job.JobOutcome;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRun;
import com.che168sync.application.job.JobWork;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.IngestStats;
import com.che168sync.application.port.out.source.ItemDefect;
import java.util.function.Function;

/** A load or update run as the runner sees it: its counts, and how they read in operations_log and the last line. */
final class IngestJob implements JobWork<IngestResult> {
    private final String name;
    private final Function<RunCounters, String> body;
    private final RunCounters counters = new RunCounters();
    private String headline;

    /** {@code body} does the run, counting into the counters; the text it returns leads the details. */
    IngestJob(String name, Function<RunCounters, String> body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public IngestResult run(JobRun run) {
        headline = body.apply(counters);
        return result();
    }

    @Override
    public IngestResult stopped(String reason, JobRun run) {
        counters.error(name + " stopped: " + reason);
        return result();
    }

    @Override
    public IngestResult refused(String reason) {
        return new IngestResult.Refused(reason);
    }

    @Override
    public JobOutcome outcome(IngestResult result, JobRun run) {
        IngestStats stats = counters.stats();
        boolean ok = result instanceof IngestResult.Completed;
        String details = (headline == null ? "" : headline + "; ") + stats.summary()
                + (ok ? "" : "; errors: " + String.join(" | ", counters.errorMessages()));
        return new JobOutcome(ok, run.finishedLine(ok, stats.summary()), details, stats.asMap());
    }

    /**
     * A listing kept in {@code ingest_quarantine} is an error of the run, named in the log and in
     * {@code operations_log.details}: {@code <where><subject> stored repaired | <notKept>, kept in ingest_quarantine: …}.
     */
    static void quarantined(JobReporter reporter, RunCounters counters, String where, ItemDefect defect,
            String notKept) {
        String message = where + defect.subject() + (defect.stored() ? " stored repaired" : " " + notKept)
                + ", kept in ingest_quarantine: " + defect.reason();
        reporter.error(message, null);
        counters.error(message);
    }

    private IngestResult result() {
        IngestStats stats = counters.stats();
        if (counters.errors() == 0) {
            return new IngestResult.Completed(stats, headline == null ? stats.summary() : headline);
        }
        return new IngestResult.CompletedWithErrors(stats, counters.errorMessages());
    }
}

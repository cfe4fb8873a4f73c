package com.che168sync.application.daily;

import com.che168sync.application.job.JobOutcome;
import com.che168sync.application.job.JobRun;
import com.che168sync.application.job.JobWork;
import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A daily run as the runner sees it: the errors of its two jobs and the one summary line. It has no operations_log
 * row of its own (each job writes its own).
 */
final class DailyRun implements JobWork<DailyResult> {
    private final Function<DailyRun, DailyResult> body;
    private final List<String> errors = new ArrayList<>();
    private JobRun run;

    DailyRun(Function<DailyRun, DailyResult> body) {
        this.body = body;
    }

    void error(String error) {
        errors.add(error);
    }

    /** The update's errors become the daily run's. */
    void updated(IngestResult result) {
        if (result instanceof IngestResult.CompletedWithErrors withErrors) {
            errors.addAll(withErrors.errors().stream().map(e -> "update: " + e).toList());
            if (withErrors.errors().isEmpty()) {
                errors.add("update finished with errors");
            }
        }
    }

    /** The normalization's errors (a refusal included) become the daily run's. */
    void normalized(NormalizeResult result) {
        if (result instanceof NormalizeResult.Refused refused) {
            errors.add("normalize refused: " + refused.reason());
        } else if (result instanceof NormalizeResult.Completed completed && completed.withErrors()) {
            if (completed.abortedBecause() != null) {
                errors.add("normalize stopped: " + completed.abortedBecause());
            }
            if (completed.counts().failed() > 0) {
                errors.add("normalize: " + completed.counts().failed() + " record(s) failed");
            }
        }
    }

    /** Both jobs had their turn: one line for both ({@code null}: the job threw). */
    DailyResult result(IngestResult updated, NormalizeResult normalized) {
        String summary = run.finishedLine(errors.isEmpty(), "update: " + describe(updated) + " | normalize: "
                + describe(normalized) + (errors.isEmpty() ? "" : " | errors: " + String.join("; ", errors)))
                .replaceAll("\\s*\\R\\s*", " ");
        if (errors.isEmpty()) {
            return new DailyResult.Completed(summary, updated, normalized);
        }
        return new DailyResult.CompletedWithErrors(summary, updated, normalized, errors);
    }

    @Override
    public DailyResult run(JobRun run) {
        this.run = run;
        return body.apply(this);
    }

    @Override
    public DailyResult stopped(String reason, JobRun run) {
        String error = "daily stopped: " + reason;
        return new DailyResult.CompletedWithErrors(run.finishedLine(false, error), null, null, List.of(error));
    }

    @Override
    public DailyResult refused(String reason) {
        return new DailyResult.Refused(reason);
    }

    @Override
    public JobOutcome outcome(DailyResult result, JobRun run) {
        return new JobOutcome(result.exitCode() == 0, result.summary(), result.summary(), null);
    }

    private static String describe(IngestResult result) {
        return switch (result) {
            case null -> "did not finish";
            case IngestResult.Completed c -> "OK, " + c.stats().summary();
            case IngestResult.CompletedWithErrors e -> "with errors, " + e.stats().summary();
            case IngestResult.Refused r -> "refused";
        };
    }

    private static String describe(NormalizeResult result) {
        return switch (result) {
            case null -> "did not finish";
            case NormalizeResult.Refused r -> "refused";
            case NormalizeResult.Completed c -> {
                NormalizeCounts n = c.counts();
                yield (c.withErrors() ? "with errors, " : "OK, ") + "processed " + n.processed() + " of "
                        + n.queued() + " queued (new " + n.created() + ", updated " + n.updated() + ", inactive "
                        + n.deactivated() + "), failed " + n.failed() + ", parked " + n.parked();
            }
        };
    }
}

package com.che168sync.application.daily;

import com.che168sync.application.job.JobOutcome;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRun;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.job.JobWork;
import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.daily.RunDailyJobsCommand;
import com.che168sync.application.port.in.daily.RunDailyJobsUseCase;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The daily run ({@code daily}, docs/rules.md#commands-and-exit-codes). Holds the {@value #JOB_NAME} lock for the whole run, then:
 * <ol>
 *   <li>runs the update; when it is refused (another update is running), stops: refused, nothing normalized;</li>
 *   <li>runs the normalization even when the update finished with errors, so that every change that was applied
 *       reaches processed_data the same night;</li>
 *   <li>sums both up in one line.</li>
 * </ol>
 * A job that throws instead of returning a result (e.g. the database went away) counts as an error; the other job
 * still gets its turn.
 */
public final class DailyJobsService implements RunDailyJobsUseCase {
    /** The advisory lock's name. */
    public static final String JOB_NAME = "daily";
    private static final JobSpec JOB = new JobSpec(JOB_NAME, "daily", null);

    private final UpdateChangesUseCase update;
    private final NormalizeUseCase normalize;
    private final JobRunner runner;

    public DailyJobsService(JobLockPort locks, OperationLogPort operations, JobReporter reporter,
                            UpdateChangesUseCase update, NormalizeUseCase normalize, Clock clock) {
        this.update = update;
        this.normalize = normalize;
        this.runner = new JobRunner(locks, operations, reporter, clock);
    }

    @Override
    public DailyResult runDaily(RunDailyJobsCommand command) {
        return runner.run(JOB, new DailyRun(run -> {
            List<String> errors = new ArrayList<>();
            IngestResult updated = null;
            try {
                updated = update.update(command.update());
            } catch (RuntimeException e) {
                errors.add("update stopped: " + JobRunner.describe(e));
            }
            if (updated instanceof IngestResult.Refused refused) {
                return new DailyResult.Refused("the update was refused, nothing was normalized: " + refused.reason());
            }
            if (updated instanceof IngestResult.CompletedWithErrors withErrors) {
                errors.addAll(withErrors.errors().stream().map(e -> "update: " + e).toList());
                if (withErrors.errors().isEmpty()) {
                    errors.add("update finished with errors");
                }
            }
            NormalizeResult normalized = null;
            try {
                normalized = normalize.normalize(command.normalize());
            } catch (RuntimeException e) {
                errors.add("normalize stopped: " + JobRunner.describe(e));
            }
            if (normalized instanceof NormalizeResult.Refused refused) {
                errors.add("normalize refused: " + refused.reason());
            } else if (normalized instanceof NormalizeResult.Completed completed && completed.withErrors()) {
                if (completed.abortedBecause() != null) {
                    errors.add("normalize stopped: " + completed.abortedBecause());
                }
                if (completed.counts().failed() > 0) {
                    errors.add("normalize: " + completed.counts().failed() + " record(s) failed");
                }
            }
            String summary = run.finishedLine(errors.isEmpty(), "update: " + describe(updated) + " | normalize: "
                    + describe(normalized) + (errors.isEmpty() ? "" : " | errors: " + String.join("; ", errors)))
                    .replaceAll("\\s*\\R\\s*", " ");
            if (errors.isEmpty()) {
                return new DailyResult.Completed(summary, updated, normalized);
            }
            return new DailyResult.CompletedWithErrors(summary, updated, normalized, errors);
        }));
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

    /** The daily run as the runner sees it: the result is the summary line; no operations_log row of its own. */
    private record DailyRun(Function<JobRun, DailyResult> body) implements JobWork<DailyResult> {
        @Override
        public DailyResult run(JobRun run) {
            return body.apply(run);
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
    }
}

package com.che168sync.application.daily;

import com.che168sync.application.port.in.daily.RunDailyJobsCommand;
import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.daily.RunDailyJobsUseCase;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.in.normalize.NormalizeCounts;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The daily run (SPEC §6.1 {@code daily}). Holds the {@value #JOB_NAME} lock for the whole run, then:
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

    private final JobLockPort locks;
    private final UpdateChangesUseCase update;
    private final NormalizeUseCase normalize;
    private final Clock clock;

    public DailyJobsService(JobLockPort locks, UpdateChangesUseCase update, NormalizeUseCase normalize, Clock clock) {
        this.locks = locks;
        this.update = update;
        this.normalize = normalize;
        this.clock = clock;
    }

    @Override
    public DailyResult runDaily(RunDailyJobsCommand command) {
        Optional<JobLockPort.JobLock> lock = locks.tryLock(JOB_NAME);
        if (lock.isEmpty()) {
            return new DailyResult.Refused("another daily run is in progress (its lock '" + JOB_NAME + "' is held);"
                    + " this run refuses to start");
        }
        try (JobLockPort.JobLock held = lock.get()) {
            Instant started = clock.instant();
            List<String> errors = new ArrayList<>();

            IngestResult updated = null;
            try {
                updated = update.update(command.update());
            } catch (RuntimeException e) {
                errors.add("update stopped: " + describe(e));
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
                errors.add("normalize stopped: " + describe(e));
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

            Duration took = Duration.between(started, clock.instant());
            String summary = "daily finished " + (errors.isEmpty() ? "OK" : "with errors") + " in " + human(took)
                    + " | update: " + describe(updated) + " | normalize: " + describe(normalized)
                    + (errors.isEmpty() ? "" : " | errors: " + String.join("; ", errors));
            summary = summary.replaceAll("\\s*\\R\\s*", " ");
            if (errors.isEmpty()) {
                return new DailyResult.Completed(summary, updated, normalized);
            }
            return new DailyResult.CompletedWithErrors(summary, updated, normalized, errors);
        }
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

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
    }

    /** {@code 850ms}, {@code 42s}, {@code 3m 05s}, {@code 1h 02m}. */
    static String human(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 1) {
            return d.toMillis() + "ms";
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }
}

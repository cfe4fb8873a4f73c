package com.che168sync.application.daily;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.JobRunner;
import com.che168sync.application.job.JobSpec;
import com.che168sync.application.port.in.daily.DailyResult;
import com.che168sync.application.port.in.daily.RunDailyJobsCommand;
import com.che168sync.application.port.in.daily.RunDailyJobsUseCase;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesUseCase;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.in.normalize.NormalizeUseCase;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import java.time.Clock;

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
        return runner.run(JOB, new DailyRun(daily -> {
            IngestResult updated = null;
            try {
                updated = update.update(command.update());
            } catch (RuntimeException e) {
                daily.error("update stopped: " + JobRunner.describe(e));
            }
            if (updated instanceof IngestResult.Refused refused) {
                return new DailyResult.Refused("the update was refused, nothing was normalized: " + refused.reason());
            }
            daily.updated(updated);
            NormalizeResult normalized = null;
            try {
                normalized = normalize.normalize(command.normalize());
            } catch (RuntimeException e) {
                daily.error("normalize stopped: " + JobRunner.describe(e));
            }
            daily.normalized(normalized);
            return daily.result(updated, normalized);
        }));
    }
}

package com.che168sync.application.job;

import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationStatus;
import java.time.Clock;
import java.util.Optional;

/**
 * What every job does around its work, the same way: takes the job's advisory lock (or refuses: exit code 2), marks
 * the {@code operations_log} rows of killed runs as interrupted, writes its own row at the start and completes it
 * at the end with status, duration, details and counts, and reports the last line. A work that throws ends the run
 * with errors, never with a stack trace for the operator.
 */
public final class JobRunner {
    /** The details of a run's row that ended without finishing, written by the next run of the same job. */
    public static final String INTERRUPTED = "interrupted: the run ended without finishing (killed, crashed or the"
            + " machine stopped); marked by the next run";

    private final JobLockPort locks;
    private final OperationLogPort operations;
    private final JobReporter reporter;
    private final Clock clock;

    public JobRunner(JobLockPort locks, OperationLogPort operations, JobReporter reporter, Clock clock) {
        this.locks = locks;
        this.operations = operations;
        this.reporter = reporter;
        this.clock = clock;
    }

    public <R> R run(JobSpec job, JobWork<R> work) {
        Optional<JobLockPort.JobLock> lock = locks.tryLock(job.lock());
        if (lock.isEmpty()) {
            String reason = "another " + job.name() + " is running (its lock '" + job.lock() + "' is held); this run"
                    + " refuses to start. Wait for it to finish.";
            reporter.error(reason, null);
            return work.refused(reason);
        }
        try (JobLockPort.JobLock held = lock.get()) {
            Long id = null;
            if (job.operationType() != null) {
                int interrupted = operations.markInterrupted(job.operationType(), INTERRUPTED);
                if (interrupted > 0) {
                    reporter.warn(interrupted + " earlier " + job.name() + " run(s) had been interrupted (killed or"
                            + " crashed); marked ERROR in operations_log. What they committed stands; this run goes"
                            + " on from there");
                }
            }
            JobRun run = new JobRun(job, clock);
            if (job.operationType() != null) {
                id = operations.start(job.operationType(), run.started());
            }
            R result;
            try {
                result = work.run(run);
            } catch (RuntimeException e) {
                String reason = describe(e);
                reporter.error(job.name() + " stopped: " + reason, e);
                result = work.stopped(reason, run);
            }
            JobOutcome outcome = work.outcome(result, run);
            if (id != null) {
                try {
                    operations.finish(id, outcome.ok() ? OperationStatus.OK : OperationStatus.ERROR, run.elapsed(),
                            outcome.details(), outcome.stats());
                } catch (RuntimeException e) {
                    // the database went away with the run (the reason the run stopped, most likely): say so, and
                    // still end with the run's own outcome; the next run marks this row interrupted
                    reporter.error("could not record the end of this " + job.name() + " run in operations_log: "
                            + describe(e), e);
                    if (outcome.ok()) {
                        throw e;
                    }
                }
            }
            if (outcome.ok()) {
                reporter.info(outcome.line());
            } else {
                reporter.error(outcome.line(), null);
            }
            return result;
        }
    }

    /** A message for the operator: the exception's own message on one line, never a stack trace. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip();
    }
}

package com.che168sync.application.ingest;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.out.ingest.IngestReporter;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What every ingest run does around its work: takes the job's advisory lock (or refuses), marks rows of killed
 * runs as interrupted, writes its {@code operations_log} row at start and completes it at the end with the counts.
 */
final class JobRunner {
    static final String INTERRUPTED = "interrupted: the run ended without finishing (killed, crashed or the machine"
            + " stopped); marked by the next run";

    private final JobLockPort locks;
    private final OperationLogPort operations;
    private final IngestReporter reporter;
    private final Clock clock;

    JobRunner(JobLockPort locks, OperationLogPort operations, IngestReporter reporter, Clock clock) {
        this.locks = locks;
        this.operations = operations;
        this.reporter = reporter;
        this.clock = clock;
    }

    interface Work {
        /** Does the run; counts go to {@code counters}; the returned text leads the details (may be null). */
        String run(RunCounters counters);
    }

    IngestResult run(String jobName, String commandName, OperationType type, Work work) {
        Optional<JobLockPort.JobLock> lock = locks.tryLock(jobName);
        if (lock.isEmpty()) {
            String reason = "another " + commandName + " is running (its lock '" + jobName + "' is held); this run"
                    + " refuses to start. Wait for it to finish.";
            reporter.error(reason, null);
            return new IngestResult.Refused(reason);
        }
        try (JobLockPort.JobLock held = lock.get()) {
            int interrupted = operations.markInterrupted(type, INTERRUPTED);
            if (interrupted > 0) {
                reporter.warn(interrupted + " earlier " + commandName + " run(s) had been interrupted; marked ERROR in"
                        + " operations_log");
            }
            Instant started = clock.instant();
            long id = operations.start(type, started);
            RunCounters counters = new RunCounters();
            String headline = null;
            try {
                headline = work.run(counters);
            } catch (RuntimeException e) {
                String message = commandName + " stopped: " + describe(e);
                reporter.error(message, e);
                counters.error(message);
            }
            var stats = counters.stats();
            boolean ok = counters.errors() == 0;
            StringBuilder details = new StringBuilder();
            if (headline != null) {
                details.append(headline).append("; ");
            }
            details.append(stats.summary());
            if (!ok) {
                details.append("; errors: ").append(String.join(" | ", counters.errorMessages()));
            }
            Duration took = Duration.between(started, clock.instant());
            operations.finish(id, ok ? OperationStatus.OK : OperationStatus.ERROR, took, details.toString(),
                    stats.asMap());
            String summary = commandName + " finished " + (ok ? "OK" : "with errors") + " in "
                    + Progress.human(took) + ": " + stats.summary();
            if (ok) {
                reporter.info(summary);
                return new IngestResult.Completed(stats, headline == null ? summary : headline);
            }
            reporter.error(summary, null);
            return new IngestResult.CompletedWithErrors(stats, counters.errorMessages());
        }
    }

    /** A message for the operator: the exception's own message, never a stack trace. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}

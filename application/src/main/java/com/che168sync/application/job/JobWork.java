package com.che168sync.application.job;

/**
 * A job's side of a run: the work itself and how its counts read. One instance per run (it holds the run's counts).
 *
 * @param <R> the use case's result ({@code IngestResult}, {@code NormalizeResult}, …)
 */
public interface JobWork<R> {
    /** Does the work, with the lock held and the {@code operations_log} row started; may throw. */
    R run(JobRun run);

    /** The result of a run whose work threw; {@code reason} says why (already reported as an error). */
    R stopped(String reason, JobRun run);

    /** The result of a run that did not start: another run holds the lock. Nothing was changed. */
    R refused(String reason);

    /** How a finished (or stopped) run reads in {@code operations_log} and its last line. */
    JobOutcome outcome(R result, JobRun run);
}

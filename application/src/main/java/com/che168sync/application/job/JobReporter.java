package com.che168sync.application.job;

/**
 * Where a job's human-readable lines go (the console and the log file): start, progress, warnings, errors and the
 * final line. Lines never contain a secret (the source ports guarantee their messages don't) nor seller data.
 */
public interface JobReporter {
    void info(String line);

    /** A line for the log file only (e.g. one per page), too frequent for the console. */
    default void detail(String line) {
    }

    /** Something the operator should look at; the run goes on. */
    void warn(String line);

    /** An error; {@code cause} (may be null) is for the log file's detail, never shown as a stack trace. */
    void error(String line, Throwable cause);

    /** Discards everything (tests, benchmarks). */
    JobReporter SILENT = new JobReporter() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void error(String line, Throwable cause) {
        }
    };
}

package com.che168sync.application.port.out.ingest;

/**
 * Where the ingest jobs' human-readable lines go (the console and the log file): progress, warnings, errors. Lines
 * never contain a secret (the source ports guarantee their messages don't).
 */
public interface IngestReporter {
    void info(String line);

    /** A line for the log file only (e.g. one per page), too frequent for the console. */
    default void detail(String line) {
    }

    void warn(String line);

    /** An error; {@code cause} (may be null) is for the log file's detail, never shown as a stack trace to the operator. */
    void error(String line, Throwable cause);

    /** Discards everything (tests). */
    IngestReporter SILENT = new IngestReporter() {
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

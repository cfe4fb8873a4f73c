package com.che168sync.application.port.in.ingest;

import java.util.List;

/** How a load or update run ended. The CLI's exit code follows {@link #exitCode()}. */
public sealed interface IngestResult permits IngestResult.Completed, IngestResult.CompletedWithErrors,
        IngestResult.Refused {

    /** 0 completed, 1 finished with errors, 2 refused (docs/rules.md#commands-and-exit-codes). */
    int exitCode();

    /** Ran to its end without a single error. */
    record Completed(IngestStats stats, String message) implements IngestResult {
        @Override
        public int exitCode() {
            return 0;
        }
    }

    /** Ran, but something failed (a page or day given up, a fatal error): status {@code ERROR}. */
    record CompletedWithErrors(IngestStats stats, List<String> errors) implements IngestResult {
        public CompletedWithErrors {
            errors = List.copyOf(errors);
        }

        @Override
        public int exitCode() {
            return 1;
        }
    }

    /** Did not start (another run holds the lock): nothing was changed. */
    record Refused(String reason) implements IngestResult {
        @Override
        public int exitCode() {
            return 2;
        }
    }
}

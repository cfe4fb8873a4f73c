package com.che168sync.application.port.in.daily;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import java.util.List;

/**
 * How a daily run ended. {@link #summary()} is the one line the CLI prints and logs; {@link #exitCode()} is the
 * CLI's exit code (docs/rules.md#commands-and-exit-codes).
 */
public sealed interface DailyResult permits DailyResult.Completed, DailyResult.CompletedWithErrors,
        DailyResult.Refused {

    /** 0 completed, 1 finished with errors, 2 refused. */
    int exitCode();

    /** One line: what both jobs did, and how long it took. */
    String summary();

    /** The update and the normalization both ran without a single error. */
    record Completed(String summary, IngestResult update, NormalizeResult normalize) implements DailyResult {
        @Override
        public int exitCode() {
            return 0;
        }
    }

    /**
     * Both jobs were attempted, and something failed: a day not completed, a record not normalized, a job that
     * stopped, or a normalization refused because another one was running. {@code update} or {@code normalize} is
     * null when that job threw instead of returning a result.
     */
    record CompletedWithErrors(String summary, IngestResult update, NormalizeResult normalize, List<String> errors)
            implements DailyResult {
        public CompletedWithErrors {
            errors = List.copyOf(errors);
        }

        @Override
        public int exitCode() {
            return 1;
        }
    }

    /** Nothing was done: another daily run (or another update) holds the lock. */
    record Refused(String reason) implements DailyResult {
        @Override
        public int exitCode() {
            return 2;
        }

        @Override
        public String summary() {
            return "daily refused: " + reason;
        }
    }
}

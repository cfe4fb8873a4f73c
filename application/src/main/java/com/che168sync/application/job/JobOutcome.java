package com.che168sync.application.job;

import java.util.Map;
import java.util.Objects;

/**
 * How a finished run reads.
 *
 * @param ok      no error at all: {@code operations_log} status OK, else ERROR
 * @param line    the run's last line, built with {@link JobRun#finishedLine}
 * @param details {@code operations_log.details}: the summary, then what failed; never a secret
 * @param stats   {@code operations_log.stats}: the counts (values Number, String, Boolean)
 */
public record JobOutcome(boolean ok, String line, String details, Map<String, Object> stats) {
    public JobOutcome {
        Objects.requireNonNull(line, "line");
        stats = stats == null ? Map.of() : stats;
    }
}

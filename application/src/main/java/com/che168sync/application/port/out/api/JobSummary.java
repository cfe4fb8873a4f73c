package com.che168sync.application.port.out.api;

import java.time.Instant;

/** Runs of one job type with one status in operations_log, for {@code /metrics}. */
public record JobSummary(String operationType, String status, long runs, Instant lastStartedAt,
                         Double lastDurationSeconds) {
}

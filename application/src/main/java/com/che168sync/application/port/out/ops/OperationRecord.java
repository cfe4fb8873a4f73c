package com.che168sync.application.port.out.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** One row of operations_log. {@code duration} is null while running; {@code stats} holds the counts. */
public record OperationRecord(long id, String operationType, Instant startedAt, Duration duration,
                              OperationStatus status, String details, Map<String, Object> stats) {
}

package com.che168sync.application.port.out.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** operations_log: one row per run of a job, written at start and completed at the end. */
public interface OperationLogPort {
    /** Inserts a {@code RUNNING} row and returns its id. */
    long start(OperationType type, Instant startedAt);

    /**
     * Completes the row.
     *
     * @param details human-readable summary (counts, last page / change id, error summaries); never a secret
     * @param stats   the counts as numbers, for the CLI and the API (values: Number, String, Boolean)
     */
    void finish(long id, OperationStatus status, Duration duration, String details, Map<String, Object> stats);

    /** Marks {@code RUNNING} rows of this type as {@code ERROR} ("interrupted"): called by a run holding the lock. */
    int markInterrupted(OperationType type, String details);

    /** The newest rows first. */
    List<OperationRecord> recent(int limit);

    /** The newest row of this type (running or finished), if any. */
    default java.util.Optional<OperationRecord> latest(OperationType type) {
        return recent(1000).stream().filter(r -> r.operationType().equals(type.dbValue())).findFirst();
    }
}

package com.che168sync.application.port.out.api;

import com.che168sync.application.port.out.ops.OperationRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code GET /stats} shows.
 *
 * @param active               active normalized listings
 * @param inactive             normalized listings removed from che168
 * @param raw                  rows of raw_data
 * @param pendingNormalization raw rows waiting for the normalizer (not failed)
 * @param failedNormalization  raw rows the normalizer gave up on (error recorded)
 * @param lastSuccessfulSync   the last day the daily update completed (null: never)
 * @param lastNormalizedAt     the newest normalization (null: none)
 * @param lastRuns             the newest rows of operations_log, newest first
 * @param lastReconciliation   the newest {@code reconcile} run (its stats: the drift found and repaired), or null
 */
public record DataStats(long active, long inactive, long raw, long pendingNormalization, long failedNormalization,
                        LocalDate lastSuccessfulSync, Instant lastNormalizedAt, List<OperationRecord> lastRuns,
                        OperationRecord lastReconciliation) {
    public DataStats {
        lastRuns = List.copyOf(lastRuns);
    }
}

package com.che168sync.application.port.in.normalize;

/**
 * A normalization run.
 *
 * @param batchSize   raw rows per transaction (200 by default: docs/rules.md#normalization)
 * @param maxAttempts runs that may fail on the same version of a record before it is parked
 * @param all         re-normalize everything (every raw row is queued again first)
 * @param reportUnmapped also list the labels no dictionary maps, by field, with counts
 */
public record NormalizeListingsCommand(int batchSize, int maxAttempts, boolean all, boolean reportUnmapped) {
    public NormalizeListingsCommand {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be between 1 and 10000, got " + batchSize);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
        }
    }
}

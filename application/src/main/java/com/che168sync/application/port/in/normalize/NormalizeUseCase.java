package com.che168sync.application.port.in.normalize;

/**
 * Normalization (docs/rules.md#normalization): every raw row with {@code is_processed = false} becomes a typed processed_data row, in
 * batches, one transaction per batch. A crash loses nothing (the next run picks up what is still queued); a bad
 * record is isolated so its neighbours commit, its error is recorded, and it is parked after {@code maxAttempts}
 * failed runs until the raw row changes. One run at a time: a second concurrent run is refused.
 */
public interface NormalizeUseCase {
    NormalizeResult normalize(NormalizeListingsCommand command);
}

package com.che168sync.application.port.out.api;

import java.time.Instant;
import java.util.Optional;

/** The values and counts behind {@code GET /filters}, and the cheap "has the data changed" check. */
public interface LoadFilterValuesPort {
    /** The data version: the newest {@code processed_data.normalized_at}, empty when the table is empty. */
    Optional<Instant> dataVersion();

    /** Computes every value with its count (a few aggregate queries: call it once per data version). */
    FilterValues load(Instant dataVersion);
}

package com.che168sync.application.port.out.normalize;

import java.util.List;

/** The normalizer's queue: raw_data rows with {@code is_processed = false}. */
public interface LoadRawListingsPort {
    /** How the queue stands; rows with {@code normalize_attempts >= maxAttempts} count as parked. */
    QueueStats queueStats(int maxAttempts, int normalizerVersion);

    /**
     * The next queued rows after {@code afterId}, in id order, at most {@code limit}, skipping parked rows. One
     * query; the JSON comes parsed into plain values.
     */
    List<RawListing> loadBatch(long afterId, int limit, int maxAttempts);

    /**
     * Puts every raw row back in the queue ({@code is_processed = false}, attempts and errors cleared): the start
     * of {@code normalize --all}. Returns how many rows were queued.
     */
    long requeueAll();
}

package com.che168sync.application.port.out.normalize;

import java.time.Instant;
import java.util.Map;

/**
 * One raw_data row waiting for normalization.
 *
 * @param id            raw_data.id (the queue's order)
 * @param rowVersion    an opaque token of the row version read; {@link SaveNormalizedPort#save} marks the row
 *                      processed only if the row still has this version (a change made meanwhile stays queued)
 * @param innerId       raw_data.inner_id
 * @param active        {@code active_status = 0}
 * @param lastUpdatedAt raw_data.last_updated_at, kept as processed_data.raw_updated_at
 * @param data          the listing JSON, parsed when asked (so parsing runs on the thread that normalizes)
 */
public record RawListing(long id, long rowVersion, String innerId, boolean active, Instant lastUpdatedAt,
                         RawJson data) {
    /** The stored listing JSON, parsed on demand into plain values. */
    @FunctionalInterface
    public interface RawJson {
        /**
         * The JSON object as plain values ({@code Map}, {@code List}, {@code String}, {@code Number},
         * {@code Boolean}, {@code null}).
         *
         * @throws IllegalArgumentException naming the problem when the stored JSON is not a readable object
         */
        Map<String, Object> parse();
    }
}

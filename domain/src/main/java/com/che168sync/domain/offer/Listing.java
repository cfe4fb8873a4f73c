package com.che168sync.domain.offer;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A stored listing as the change rules see it: one row of {@code raw_data} minus the bookkeeping of other jobs.
 *
 * @param innerId      the listing id on che168 (never blank)
 * @param apiId        the item id of {@code /offers}, null for listings created by the change feed
 * @param changeType   the last {@code change_type} seen, null if the source sent none
 * @param createdAt    {@code created_at} of the last item/event applied, may be null
 * @param data         the full listing JSON as plain values; keys as the source names them, never {@code new_}-prefixed
 *                     once a change was merged
 * @param active       false once the listing was removed from the site ({@code active_status = 1})
 * @param source       which job created the row
 * @param lastChangeId id of the last change event applied, null if none yet (rows of the initial load)
 */
public record Listing(String innerId, Long apiId, ChangeType changeType, Instant createdAt,
                      Map<String, Object> data, boolean active, ListingSource source, Long lastChangeId) {
    public Listing {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("listing without inner_id");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(source, "source");
    }

    /** {@code raw_data.active_status}: 0 active, 1 inactive. */
    public int activeStatus() {
        return active ? 0 : 1;
    }
}

package com.che168sync.application.port.out.api;

import java.time.Instant;

/**
 * The state of one normalized listing as of its last change.
 *
 * @param seq          the change's number (from the sequence the normalizer's writes draw)
 * @param firstSeq     the number the listing got when it was added
 * @param innerId      the listing id on che168
 * @param active       false: removed from che168 (a tombstone)
 * @param normalizedAt when it was normalized (for a tombstone: when the removal was)
 * @param data         the normalized listing (only for active ones)
 */
public record ListingChange(long seq, long firstSeq, String innerId, boolean active, Instant normalizedAt,
                            RawJson data) {
}

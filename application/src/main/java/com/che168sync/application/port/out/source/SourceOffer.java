package com.che168sync.application.port.out.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One item of {@code /offers}.
 *
 * @param apiId      the item's {@code id} in the source response
 * @param innerId    the listing id on che168, never blank
 * @param changeType the item's {@code change_type} as sent (usually {@code added}), may be null
 * @param createdAt  the item's {@code created_at}, offset applied (UTC instant), may be null
 * @param dataJson   the item's {@code data} object as JSON text, exactly as received ({@code {}} when absent)
 */
public record SourceOffer(long apiId, String innerId, String changeType, Instant createdAt, String dataJson) {
    public SourceOffer {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("offer without inner_id");
        }
        Objects.requireNonNull(dataJson, "dataJson");
    }
}

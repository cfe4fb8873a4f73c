package com.che168sync.application.port.out.source;

import java.time.Instant;
import java.util.Map;

/**
 * One event of {@code /changes}.
 *
 * @param id         the change id (monotonic over the feed)
 * @param innerId    the listing concerned
 * @param changeType {@code added}, {@code changed} or {@code removed} as sent (validated by the domain)
 * @param createdAt  the event's {@code created_at} ({@code Z} or {@code +03:00} applied), may be null
 * @param data       the event's {@code data} parsed to plain Java values (Map, List, String, Number, Boolean,
 *                   null); an empty map when the source sent {@code {}}, null or nothing
 */
public record SourceChange(long id, String innerId, String changeType, Instant createdAt, Map<String, Object> data) {
    public SourceChange {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("change " + id + " without inner_id");
        }
        data = data == null ? Map.of() : data;
    }
}

package com.che168sync.application.port.out.api;

import java.time.Instant;

/**
 * One active listing of a page.
 *
 * @param id             processed_data id (the keyset tie-breaker)
 * @param innerId        the listing id on che168
 * @param sortKey        the value of the page's sort key (epoch day for dates), null when unknown
 * @param normalizedJson the whole normalized listing, a JSON object as stored (its bytes, passed through)
 * @param normalizedAt   when it was normalized
 */
public record OfferRow(long id, String innerId, Long sortKey, RawJson normalizedJson, Instant normalizedAt) {
}

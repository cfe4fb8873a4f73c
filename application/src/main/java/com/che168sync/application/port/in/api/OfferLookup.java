package com.che168sync.application.port.in.api;

import com.che168sync.application.port.out.api.RawJson;
import java.time.Instant;

/** The outcome of {@code GET /offers/{inner_id}}. */
public sealed interface OfferLookup {
    /** An active listing: the whole normalized record. */
    record Found(String innerId, RawJson normalizedJson, Instant normalizedAt) implements OfferLookup {
    }

    /** The listing was removed from che168 (kept as inactive): HTTP 410. */
    record Removed(String innerId, Instant normalizedAt) implements OfferLookup {
    }

    /** No such listing (or not normalized yet): HTTP 404. */
    record NotFound(String innerId) implements OfferLookup {
    }
}

package com.che168sync.application.port.in.api;

/** {@code GET /offers/{inner_id}}: one listing. */
public interface GetOfferUseCase {
    /** @throws InvalidQueryException when the id is not a plausible che168 id (digits, at most 64) */
    OfferLookup getOffer(String innerId);
}

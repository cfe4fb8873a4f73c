package com.che168sync.application.port.out.source;

import java.util.Map;
import java.util.Optional;

/** Reads one listing's current state ({@code GET /offer?inner_id=}), bare or wrapped. */
public interface FetchOfferDetailPort {
    /**
     * @return the listing's {@code data} as plain Java values, or empty when the source answers 404
     *         (not proof of removal)
     */
    Optional<Map<String, Object>> fetchOffer(String innerId);
}

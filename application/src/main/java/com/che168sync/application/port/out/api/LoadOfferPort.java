package com.che168sync.application.port.out.api;

import java.util.Optional;

/** Reads one normalized listing by its che168 id. */
public interface LoadOfferPort {
    Optional<StoredOffer> loadOffer(String innerId);
}

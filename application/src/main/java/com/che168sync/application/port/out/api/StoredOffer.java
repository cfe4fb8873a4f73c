package com.che168sync.application.port.out.api;

import java.time.Instant;

/** One row of {@code processed_data}, active or not. */
public record StoredOffer(String innerId, boolean active, RawJson normalizedJson, Instant normalizedAt) {
}

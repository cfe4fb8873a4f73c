package com.che168sync.application.port.out.api;

import java.time.Instant;
import java.time.LocalDate;

/** What the database says about freshness (the database answered if this exists). */
public record HealthFacts(LocalDate lastSuccessfulSync, Instant lastNormalizedAt, long activeEstimate) {
}

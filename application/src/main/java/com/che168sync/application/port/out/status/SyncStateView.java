package com.che168sync.application.port.out.status;

import java.time.Instant;
import java.time.LocalDate;

/** Where the daily update stands: the last day fully applied and the last change id applied (may be null). */
public record SyncStateView(LocalDate lastSuccessfulDate, Long lastChangeId, Instant updatedAt) {
}

package com.che168sync.application.port.out.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where the daily update stands ({@code sync_state}).
 *
 * @param lastSuccessfulDate the last day fully applied
 * @param lastChangeId       the last change id applied, may be null
 * @param updatedAt          when it was written
 */
public record SyncState(LocalDate lastSuccessfulDate, Long lastChangeId, Instant updatedAt) {
}

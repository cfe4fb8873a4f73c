package com.che168sync.application.port.in.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What {@code GET /health} shows.
 *
 * @param status             {@code ok}; {@code stale} when the last successful daily update is older than the
 *                           allowed age (or never happened); {@code down} when the database does not answer
 * @param database           {@code up} or {@code down}
 * @param lastSuccessfulSync the last day the daily update completed
 * @param lastNormalizedAt   the newest normalization
 * @param syncAgeDays        days since the last successful sync, null when never
 */
public record HealthReport(String status, String database, LocalDate lastSuccessfulSync, Instant lastNormalizedAt,
                           Long syncAgeDays) {
    public boolean databaseUp() {
        return "up".equals(database);
    }
}

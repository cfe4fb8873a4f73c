package com.che168sync.bootstrap.config;

import java.time.Duration;

/**
 * The daily update ({@code update.*}). {@code fetchUnknownDetails}: a {@code changed} event for a listing we do not
 * have carries only the changed fields; when true the full listing is fetched with {@code /offer?inner_id=}, each
 * fetch tried {@code detailAttempts} times {@code detailInterval} apart, all fetches of a run within
 * {@code detailBudget}.
 */
public record UpdateConfig(boolean fetchUnknownDetails, int detailAttempts, Duration detailInterval,
                           Duration detailBudget) {
    /** The defaults for the detail fetches (3 attempts, 5 s apart, 5 minutes a run). */
    public UpdateConfig(boolean fetchUnknownDetails) {
        this(fetchUnknownDetails, 3, Duration.ofSeconds(5), Duration.ofMinutes(5));
    }
}

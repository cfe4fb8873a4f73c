package com.che168sync.application.ingest;

import com.che168sync.application.retry.RetrySettings;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Technical settings of {@code load} and {@code update} (from {@code config.yaml}, validated at start).
 *
 * @param estimatedTotal        the total of the load's progress line (the source does not tell); at least 1
 * @param progressInterval      how often a progress line is printed; positive
 * @param fetchUnknownListings  fetch the full listing with {@code /offer} for a {@code changed} event of an unknown
 *                              listing (docs/rules.md#daily-update); when off, the row is created from the event's fields only
 * @param feedZone              the time zone of the feed's days ({@code /change_id?date=}) and of "today"
 * @param detailRetry           how hard to insist on one {@code /offer} fetch (a few attempts, seconds apart): a
 *                              listing is not worth the page policy's hours
 * @param detailBudget          the most time one update run spends on {@code /offer} fetches (requests and pauses);
 *                              once used up, the remaining unknown listings are stored from their event and marked
 *                              incomplete
 */
public record IngestSettings(long estimatedTotal, Duration progressInterval, boolean fetchUnknownListings,
                             ZoneId feedZone, RetrySettings detailRetry, Duration detailBudget) {
    /** 3 attempts, 5 s apart. */
    public static final RetrySettings DEFAULT_DETAIL_RETRY = RetrySettings.of(3, Duration.ofSeconds(5));
    public static final Duration DEFAULT_DETAIL_BUDGET = Duration.ofMinutes(5);

    /** With the default detail fetch settings. */
    public IngestSettings(long estimatedTotal, Duration progressInterval, boolean fetchUnknownListings,
            ZoneId feedZone) {
        this(estimatedTotal, progressInterval, fetchUnknownListings, feedZone, DEFAULT_DETAIL_RETRY,
                DEFAULT_DETAIL_BUDGET);
    }

    public static final long DEFAULT_ESTIMATED_TOTAL = 250_000;
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofSeconds(10);
    /** The source's day boundary is not documented; Moscow time (UTC+3) is the best guess (SOURCE_API.md). */
    public static final ZoneId DEFAULT_FEED_ZONE = ZoneId.of("+03:00");
    /**
     * The progress total of a day whose end the feed does not tell yet (today's): a typical day's changes (docs/rules.md#what-the-product-does). A
     * past day's total is exact enough: the id range between its first change and the next day's.
     */
    public static final long TYPICAL_DAY_CHANGES = 15_000;

    public IngestSettings {
        if (estimatedTotal < 1) {
            throw new IllegalArgumentException("ingest.load.estimated-total must be at least 1, got " + estimatedTotal);
        }
        if (progressInterval == null || progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("ingest.progress-interval must be positive, got " + progressInterval);
        }
        Objects.requireNonNull(feedZone, "ingest.feed-zone");
        Objects.requireNonNull(detailRetry, "update.detail_attempts / update.detail_interval");
        if (detailBudget == null || detailBudget.isNegative()) {
            throw new IllegalArgumentException("update.detail_budget must not be negative, got " + detailBudget);
        }
    }

    public static IngestSettings defaults() {
        return new IngestSettings(DEFAULT_ESTIMATED_TOTAL, DEFAULT_PROGRESS_INTERVAL, true, DEFAULT_FEED_ZONE);
    }
}

package com.che168sync.application.port.out.status;

/**
 * Row counts for {@code status}: raw listings (active = on the site, inactive = removed, unprocessed = waiting for the
 * normalizer, failed = unprocessed with a recorded normalization error), normalized listings, API tokens and pages
 * the initial load gave up on; items of the feed kept in {@code ingest_quarantine} (all, and those not stored at all)
 * and listings created from a change event alone because {@code /offer} failed ({@code incomplete_listings}).
 */
public record TableCounts(long rawTotal, long rawActive, long rawInactive, long rawUnprocessed, long rawFailed,
                          long processedTotal, long processedActive, long tokensTotal, long tokensActive,
                          long failedPages, long quarantined, long quarantinedNotStored, long incompleteListings) {
}

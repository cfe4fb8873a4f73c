package com.che168sync.application.port.in.normalize;

/**
 * Counts of one run.
 *
 * @param queued      raw rows waiting when the run started
 * @param processed   raw rows normalized and committed
 * @param created     processed_data rows inserted
 * @param updated     processed_data rows updated
 * @param deactivated rows written inactive (removed from the site)
 * @param failed      raw rows that failed in this run (error recorded, left unprocessed)
 * @param unmapped    labels written with code {@code unknown} in this run
 * @param parked      raw rows left alone because they failed too often before
 * @param changedMeanwhile raw rows changed during the run: left queued for the next run
 */
public record NormalizeCounts(long queued, long processed, long created, long updated, long deactivated, long failed,
                              long unmapped, long parked, long changedMeanwhile) {
}

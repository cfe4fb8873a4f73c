package com.che168sync.application.port.out.reconcile;

import java.time.Instant;

/**
 * The single row of {@code reconcile_checkpoint}: where the reconciliation's scan stands.
 *
 * @param startedAt       when the scan started (rows the daily update wrote after it are newer than the scan)
 * @param lastPage        the last page stored (0 = none yet)
 * @param nextPage        the page to fetch next, null once the last page was read
 * @param pagesScanned    pages stored so far
 * @param listingsScanned distinct listings stored in {@code reconcile_scan} so far
 * @param scanFinishedAt  when the last page was read, or null
 * @param repairedAt      when the mirror was repaired from this scan, or null
 */
public record ReconcileCheckpoint(Instant startedAt, int lastPage, Integer nextPage, int pagesScanned,
                                  long listingsScanned, Instant scanFinishedAt, Instant repairedAt) {

    /** The scan reached the last page. */
    public boolean scanFinished() {
        return scanFinishedAt != null || nextPage == null;
    }

    /** This scan's repair is done: the next run starts a new scan. */
    public boolean repaired() {
        return repairedAt != null;
    }
}

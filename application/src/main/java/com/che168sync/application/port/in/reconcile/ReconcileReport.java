package com.che168sync.application.port.in.reconcile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The drift a reconciliation found and what it repaired.
 *
 * @param pages           pages of the scan stored (all runs of this scan)
 * @param failedPages     pages the scan gave up on (then nothing is removed)
 * @param scanned         distinct listings the scan saw
 * @param added           stored: in the catalogue, missing here
 * @param reactivated     reactivated: in the catalogue, removed here
 * @param changed         data replaced by the catalogue's
 * @param removed         marked removed: absent from a complete scan and confirmed gone by {@code /offer}
 * @param confirmedAlive  absent from the scan, but {@code /offer} says it is on the site: kept
 * @param unconfirmed     absent from the scan, not checked (budget spent or {@code /offer} failing): kept for now
 * @param newer           differed from the scan, but the daily update wrote it after the scan read it: kept
 * @param skippedByValve  what the run would have written but did not: over the safety valve's share
 */
public record ReconcileReport(long pages, long failedPages, long scanned, long added, long reactivated, long changed,
                              long removed, long confirmedAlive, long unconfirmed, long newer, long skippedByValve) {

    /** The drift found and repaired in one line. */
    public String summary() {
        return String.format(Locale.ROOT, "pages %,d (failed %,d), listings scanned %,d; drift: added %,d,"
                        + " reactivated %,d, changed %,d, removed %,d, confirmed alive %,d, unconfirmed %,d,"
                        + " update newer %,d, skipped by the valve %,d", pages, failedPages, scanned, added,
                reactivated, changed, removed, confirmedAlive, unconfirmed, newer, skippedByValve);
    }

    /** The counts for {@code operations_log.stats}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pages", pages);
        m.put("failed_pages", failedPages);
        m.put("listings_scanned", scanned);
        m.put("added", added);
        m.put("reactivated", reactivated);
        m.put("changed", changed);
        m.put("removed", removed);
        m.put("confirmed_alive", confirmedAlive);
        m.put("unconfirmed", unconfirmed);
        m.put("update_newer", newer);
        m.put("skipped_by_valve", skippedByValve);
        return m;
    }
}

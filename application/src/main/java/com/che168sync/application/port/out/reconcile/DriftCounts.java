package com.che168sync.application.port.out.reconcile;

/**
 * The scan compared with {@code raw_data}.
 *
 * @param add            in the catalogue, not stored here
 * @param reactivate     in the catalogue, stored here as removed
 * @param change         in the catalogue and active here, with other data
 * @param absent         active here, not in the (complete) scan: removed only if {@code /offer} confirms it
 * @param newer          differs from the scan, but the daily update wrote the row after the scan read it: the
 *                       update wins
 * @param activeListings active rows in {@code raw_data}: the base of the safety valve's share
 */
public record DriftCounts(long add, long reactivate, long change, long absent, long newer, long activeListings) {

    /** Everything the repair would write (absent listings counted as removals until confirmed alive). */
    public long total() {
        return add + reactivate + change + absent;
    }
}

package com.che168sync.sandbox;

/**
 * How the sandbox's site drifts away from what its change feed tells, to make a mirror's drift real (and a
 * reconciliation testable). Every choice is a pure function of the seed.
 *
 * @param liveCatalogue    {@code /offers} and {@code /offer} serve the site as it is <em>now</em> (the sandbox clock):
 *                         the catalogue with every change event up to now applied, removed listings gone, added
 *                         ones and listings only the feed knew of ("ghosts", from their first event on) listed; 20 a
 *                         page, in a fixed order. Off: {@code /offers} serves the catalogue before the first change
 *                         day and {@code /offer} the state after the last one.
 * @param missedShare      share of the change events (chosen by seed, any type: added, changed, removed) that happen
 *                         on the site but never appear in {@code /changes}; 0..1
 * @param shiftEveryPages  every N-th {@code /offers} page served moves one listing from a page or two ahead of the
 *                         page asked for to the top of the catalogue (a dealer "refreshing" it): a scan in progress
 *                         never sees that listing and sees the last one of each page again on the next; 0 = never.
 *                         Only with a live catalogue.
 */
public record SiteDrift(boolean liveCatalogue, double missedShare, int shiftEveryPages) {
    /** A live catalogue is indexed in memory (8 bytes a listing). */
    public static final long MAX_LIVE_LISTINGS = 50_000_000L;

    public SiteDrift {
        if (!(missedShare >= 0 && missedShare <= 1)) {
            throw new IllegalArgumentException("missed-share must be between 0 and 1, got " + missedShare);
        }
        if (shiftEveryPages < 0) {
            throw new IllegalArgumentException("shift-every must be >= 0, got " + shiftEveryPages);
        }
        if (shiftEveryPages > 0 && !liveCatalogue) {
            throw new IllegalArgumentException("shift-every needs a live catalogue (--live-site)");
        }
    }

    /** The site exactly as its feed tells, {@code /offers} = the catalogue before the first change day. */
    public static SiteDrift none() {
        return new SiteDrift(false, 0, 0);
    }

    /** A live catalogue, no missed events, no shifting. */
    public static SiteDrift live() {
        return new SiteDrift(true, 0, 0);
    }

    public SiteDrift withMissedShare(double share) {
        return new SiteDrift(liveCatalogue, share, shiftEveryPages);
    }

    public SiteDrift withShiftEveryPages(int pages) {
        return new SiteDrift(liveCatalogue, missedShare, pages);
    }
}

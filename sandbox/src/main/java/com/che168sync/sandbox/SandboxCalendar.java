package com.che168sync.sandbox;

import java.time.LocalDate;
import java.util.List;

/**
 * The simulated calendar of a sandbox run.
 *
 * @param firstChangeDay the first change day; {@code /offers} serves the catalogue as it stood before it
 * @param days           the change days in order; change ids are contiguous across them
 * @param endOfFeedId    the id after the last event: {@code /changes?change_id=endOfFeedId} is the empty page
 *                       that ends the feed
 * @param listings       catalogue size
 * @param pages          number of {@code /offers} pages
 */
public record SandboxCalendar(LocalDate firstChangeDay, List<ChangeDay> days, long endOfFeedId, long listings,
                              long pages) {

    public SandboxCalendar {
        days = List.copyOf(days);
    }

    /**
     * One change day.
     *
     * @param date          the day (Moscow time boundaries)
     * @param firstChangeId what {@code /change_id?date=} answers
     * @param lastChangeId  the day's last event id ({@code firstChangeId - 1} when the day has no event)
     * @param events        number of events
     * @param added         of which {@code added}
     * @param changed       of which {@code changed}
     * @param removed       of which {@code removed}
     */
    public record ChangeDay(LocalDate date, long firstChangeId, long lastChangeId, int events, int added, int changed,
                            int removed) {
    }

    /** Human-readable lines, as the {@code sandbox} command prints them at start. */
    public List<String> describe() {
        java.util.ArrayList<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(java.util.Locale.ROOT, "Catalogue: %,d listings on %,d pages (the state before %s)",
                listings, pages, firstChangeDay));
        for (ChangeDay d : days) {
            lines.add(String.format(java.util.Locale.ROOT,
                    "Change day %s: ids %d-%d, %,d events (%,d added, %,d changed, %,d removed)",
                    d.date(), d.firstChangeId(), d.lastChangeId(), d.events(), d.added(), d.changed(), d.removed()));
        }
        lines.add("End of the change feed: change_id " + endOfFeedId);
        return lines;
    }
}

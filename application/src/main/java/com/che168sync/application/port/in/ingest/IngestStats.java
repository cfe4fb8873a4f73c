package com.che168sync.application.port.in.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one load or update run (also written to {@code operations_log.stats}).
 *
 * @param pages             source pages stored in this run ({@code /offers} or {@code /changes})
 * @param listingsNew       listings created
 * @param listingsUpdated   events that changed a stored listing's content
 * @param listingsUnchanged events applied without changing content (the load: none)
 * @param listingsSkipped   items ignored: duplicates of the load, events stopped by the replay guard
 * @param errors            errors (pages or days given up, bad events, a fatal failure)
 * @param failedPages       pages given up on in this run (load only)
 * @param days              days completed (update only)
 * @param lastPage          the last page stored, or null
 * @param lastChangeId      the last change id applied, or null
 */
public record IngestStats(long pages, long listingsNew, long listingsUpdated, long listingsUnchanged,
                          long listingsSkipped, long errors, List<Integer> failedPages, long days, Integer lastPage,
                          Long lastChangeId) {
    public IngestStats {
        failedPages = List.copyOf(failedPages);
    }

    /** The counts as a flat map, for {@code operations_log.stats}. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pages", pages);
        m.put("listings_new", listingsNew);
        m.put("listings_updated", listingsUpdated);
        m.put("listings_unchanged", listingsUnchanged);
        m.put("listings_skipped", listingsSkipped);
        m.put("errors", errors);
        if (!failedPages.isEmpty()) {
            m.put("failed_pages", failedPages.toString());
        }
        if (days > 0) {
            m.put("days", days);
        }
        if (lastPage != null) {
            m.put("last_page", lastPage);
        }
        if (lastChangeId != null) {
            m.put("last_change_id", lastChangeId);
        }
        return m;
    }

    /** One line: {@code pages 12, listings new 230 / updated 0 / unchanged 0 / skipped 10, errors 0, last page 12}. */
    public String summary() {
        return counts() + (lastPage != null ? ", last page " + lastPage : "")
                + (lastChangeId != null ? ", last change id " + lastChangeId : "");
    }

    /** The counts alone (no last page or change id), for a line that names its own position. */
    public String counts() {
        return "pages " + pages + ", listings new " + listingsNew + " / updated " + listingsUpdated
                + " / unchanged " + listingsUnchanged + " / skipped " + listingsSkipped + ", errors " + errors
                + (days > 0 ? ", days " + days : "")
                + (failedPages.isEmpty() ? "" : ", failed pages " + failedPages);
    }
}

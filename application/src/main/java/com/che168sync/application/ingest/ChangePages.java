package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.domain.offer.ChangeBatch;
import com.che168sync.domain.offer.ChangeEvent;
import com.che168sync.domain.offer.Listing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One page of the change feed: its events, one read of the listings concerned, the domain's {@link ChangeBatch}
 * (rules, merge, replay guard, id order), one set-based write handed to the writer thread while the next page
 * downloads. A {@code changed} event for an unknown listing first fetches the full listing with {@code /offer}
 * (configurable); an event the domain refuses is quarantined with the page.
 */
final class ChangePages {
    private final ChangeStorePort store;
    private final OfferDetails offers;
    private final JobReporter reporter;
    private final boolean fetchUnknownListings;
    private final Clock clock;

    ChangePages(ChangeStorePort store, OfferDetails offers, JobReporter reporter, boolean fetchUnknownListings,
            Clock clock) {
        this.store = store;
        this.offers = offers;
        this.reporter = reporter;
        this.fetchUnknownListings = fetchUnknownListings;
        this.clock = clock;
    }

    /** Hands the page's write to the writer; {@code afterCommit} runs on the writer once the page is stored. */
    void apply(List<SourceChange> page, List<ItemDefect> sourceDefects, DayCompleted completed, RunCounters counters,
            WriteBehind<Map<String, Listing>> writer, Runnable afterCommit) {
        List<ChangeEvent> events = new ArrayList<>(page.size());
        List<ItemDefect> defects = new ArrayList<>(sourceDefects);
        for (SourceChange c : page) {
            try {
                events.add(ChangeEvent.of(c.id(), c.innerId(), c.changeType(), c.createdAt(), c.data()));
            } catch (IllegalArgumentException e) {
                defects.add(ItemDefect.of(c.id(), c.innerId(), e.getMessage() + "; left out", false, (String) null));
            }
        }
        if (events.isEmpty()) {
            if (completed != null || !defects.isEmpty()) {
                writer.submit(() -> {
                    quarantined(store.storeChanges(List.of(), defects, completed, clock.instant()), counters);
                    if (completed == null) {
                        return;
                    }
                    counters.day();
                    afterCommit.run();
                });
            }
            return;
        }
        events.sort(Comparator.comparingLong(ChangeEvent::id));
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(e -> ids.add(e.innerId()));
        Map<String, Listing> current = asCommitted(store.findListings(ids), ids, writer.inFlight());
        List<IncompleteListing> incomplete = new ArrayList<>(0);
        if (fetchUnknownListings) {
            events = withFullListings(events, current, incomplete, counters);
        }
        ChangeBatch.Result result = ChangeBatch.apply(current, events);
        Set<String> whole = result.wholeListings();
        incomplete.removeIf(l -> whole.contains(l.innerId())); // an added event later in the page completed it
        for (IncompleteListing l : incomplete) {
            String message = "change " + l.changeId() + ": listing " + l.innerId() + " stored from the event's fields"
                    + " only and marked incomplete (the next run completes it): " + l.reason();
            reporter.error(message, null);
            counters.error(message);
        }
        int size = events.size();
        writer.submit(result.written(), () -> {
            quarantined(store.storeChanges(result.written().values(), defects, incomplete, whole, completed,
                    clock.instant()), counters);
            counters.page(0, result.created(), result.updated(), result.unchanged(), result.skipped(), size);
            result.lastEventId().ifPresent(counters::changeApplied);
            if (completed != null) {
                counters.day();
            }
            afterCommit.run();
        });
    }

    private void quarantined(List<ItemDefect> quarantined, RunCounters counters) {
        for (ItemDefect d : quarantined) {
            IngestJob.quarantined(reporter, counters, "", d, "not applied");
        }
    }

    /**
     * Attaches {@code /offer}'s full listing to each {@code changed} event of a listing unknown at that point. A
     * listing whose {@code /offer} fails ({@link OfferDetails}: a few attempts, a budget per run) is created from the
     * event alone and added to {@code incomplete} (stored with the page, an error of the run) unless a later event of
     * the page brings it whole.
     */
    private List<ChangeEvent> withFullListings(List<ChangeEvent> events, Map<String, Listing> current,
            List<IncompleteListing> incomplete, RunCounters counters) {
        Set<String> known = new HashSet<>(current.keySet());
        List<ChangeEvent> result = new ArrayList<>(events.size());
        for (ChangeEvent e : events) {
            if (e instanceof ChangeEvent.Changed changed && !known.contains(e.innerId())) {
                String id = e.innerId();
                Optional<Map<String, Object>> listing = offers.fetch(id);
                if (listing == null) {
                    incomplete.add(new IncompleteListing(id, e.id(), offers.lastFailure(), 1));
                } else if (listing.isPresent()) {
                    e = changed.withFullListing(listing.get());
                } else {
                    reporter.warn("change " + e.id() + ": listing " + id + " is unknown here and /offer does not"
                            + " know it either; created from the event's fields only");
                }
            }
            known.add(e.innerId());
            result.add(e);
        }
        return result;
    }

    /**
     * The listings as they stand once the pages still being written have committed. The read of page N+1 runs while
     * page N commits: the database may not show page N's rows yet, so those are taken from page N's result, which is
     * exactly what its transaction writes. If page N's write fails, the next hand-off rethrows the failure and page
     * N+1 is never written.
     */
    private static Map<String, Listing> asCommitted(Map<String, Listing> read, Set<String> ids,
            List<Map<String, Listing>> inFlight) {
        if (inFlight.isEmpty()) {
            return read;
        }
        Map<String, Listing> merged = new HashMap<>(read);
        for (Map<String, Listing> written : inFlight) {
            for (String id : ids) {
                Listing listing = written.get(id);
                if (listing != null) {
                    merged.put(id, listing);
                }
            }
        }
        return merged;
    }
}

package com.che168sync.application.ingest;

import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.LoadCheckpointPort;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.ingest.StoreOfferPagePort;
import com.che168sync.application.port.out.ingest.SyncState;
import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.FetchChangesPort;
import com.che168sync.application.port.out.source.FetchOfferDetailPort;
import com.che168sync.application.port.out.source.FetchOfferPagePort;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.che168sync.domain.offer.Listing;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory fakes of the ingest ports. */
final class Fakes {
    private Fakes() {
    }

    /** /offers with {@code total} listings, 20 a page; listing n has inner_id "L{n}"; failures scripted per page. */
    static class OfferSource implements FetchOfferPagePort {
        final int total;
        final Map<Integer, AtomicInteger> failuresLeft = new HashMap<>();
        final List<Integer> requested = new CopyOnWriteArrayList<>();
        int duplicateEvery;

        OfferSource(int total) {
            this.total = total;
        }

        void failPage(int page, int times) {
            failuresLeft.put(page, new AtomicInteger(times));
        }

        int pages() {
            return (total + 19) / 20;
        }

        @Override
        public OfferPage fetchOfferPage(int page) {
            requested.add(page);
            AtomicInteger left = failuresLeft.get(page);
            if (left != null && left.getAndDecrement() > 0) {
                throw new SourceUnavailableException("HTTP 503 for page " + page, null);
            }
            List<SourceOffer> offers = new ArrayList<>();
            for (int i = (page - 1) * 20; i < Math.min(total, page * 20); i++) {
                offers.add(offer(i));
            }
            if (duplicateEvery > 0 && page > 1 && page % duplicateEvery == 0) {
                offers.set(0, offer((page - 2) * 20)); // an item of the previous page again
            }
            return new OfferPage(page, offers, page < pages() ? page + 1 : null);
        }

        static SourceOffer offer(int i) {
            return new SourceOffer(1000 + i, "L" + i, "added", Instant.parse("2026-11-01T00:00:00Z"),
                    "{\"inner_id\":\"L" + i + "\",\"price\":" + (1000 + i) + "}");
        }
    }

    /** The change feed: events by id, first change id per day. */
    static final class ChangeSource implements FetchChangesPort, FetchOfferDetailPort {
        final NavigableMap<Long, SourceChange> events = new TreeMap<>();
        final Map<LocalDate, Long> firstIds = new HashMap<>();
        final Map<String, Map<String, Object>> offers = new HashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Map<Long, AtomicInteger> failuresLeft = new HashMap<>();
        long nextId = 1000;
        /** Days the feed answers {@code change_id 0} for (not begun, or past its retention). */
        final Set<LocalDate> notInFeed = new HashSet<>();
        /** Change ids at which the feed ends early (an empty page) this many more times. */
        final Map<Long, AtomicInteger> endsEarly = new HashMap<>();

        /** Adds a day whose events get consecutive ids. */
        void day(LocalDate day, List<SourceChange> dayEvents) {
            firstIds.put(day, nextId);
            for (SourceChange e : dayEvents) {
                SourceChange withId = new SourceChange(nextId, e.innerId(), e.changeType(), e.createdAt(), e.data());
                events.put(nextId++, withId);
            }
        }

        @Override
        public long firstChangeId(LocalDate date) {
            requests.add("change_id " + date);
            if (notInFeed.contains(date)) {
                return 0;
            }
            Long id = firstIds.get(date);
            if (id != null) {
                return id;
            }
            // a day without events (or not yet begun): where its first event would be
            return firstIds.entrySet().stream().filter(e -> e.getKey().isAfter(date))
                    .mapToLong(Map.Entry::getValue).min().orElse(nextId);
        }

        @Override
        public ChangePage fetchChanges(long changeId) {
            requests.add("changes " + changeId);
            AtomicInteger left = failuresLeft.get(changeId);
            if (left != null && left.getAndDecrement() > 0) {
                throw new SourceUnavailableException("HTTP 429", Duration.ofSeconds(3), null);
            }
            AtomicInteger early = endsEarly.get(changeId);
            if (early != null && early.getAndDecrement() > 0) {
                return new ChangePage(changeId, List.of(), null);
            }
            List<SourceChange> page = new ArrayList<>(events.tailMap(changeId, true).values().stream().limit(20).toList());
            Long next = page.isEmpty() ? null : page.get(page.size() - 1).id() + 1;
            return new ChangePage(changeId, page, next);
        }

        /** Listings whose /offer answers 503 (a dead detail endpoint). */
        final Set<String> offerFails = new HashSet<>();
        boolean offerRefusesTheKey;

        @Override
        public Optional<Map<String, Object>> fetchOffer(String innerId) {
            requests.add("offer " + innerId);
            if (offerRefusesTheKey) {
                throw new SourceAuthException("HTTP 401: bad key");
            }
            if (offerFails.contains(innerId)) {
                throw new SourceUnavailableException("HTTP 503", null);
            }
            return Optional.ofNullable(offers.get(innerId));
        }
    }

    static SourceChange change(String innerId, String type, Map<String, Object> data) {
        return new SourceChange(0, innerId, type, Instant.parse("2026-11-20T12:00:00Z"), data);
    }

    /** raw_data, load_checkpoint, load_failed_pages, sync_state in memory. */
    static final class Store implements LoadCheckpointPort, StoreOfferPagePort, ChangeStorePort {
        final List<ItemDefect> quarantined = new ArrayList<>();
        final Map<String, IncompleteListing> incomplete = new LinkedHashMap<>();
        final Map<String, SourceOffer> loaded = new LinkedHashMap<>();
        final Map<String, Listing> listings = new LinkedHashMap<>();
        final Map<Integer, FailedPage> failed = new TreeMap<>();
        final Set<Integer> resolved = new HashSet<>();
        final List<String> transactions = new CopyOnWriteArrayList<>();
        LoadCheckpoint checkpoint;
        SyncState syncState;
        int failOnStoreOfPage = -1;

        @Override
        public synchronized Optional<LoadCheckpoint> findCheckpoint() {
            return Optional.ofNullable(checkpoint);
        }

        @Override
        public synchronized LoadCheckpoint startCheckpoint(LocalDate loadStartDate, Instant now) {
            checkpoint = new LoadCheckpoint(loadStartDate, now, 0, 1, 0, null);
            failed.clear();
            return checkpoint;
        }

        @Override
        public synchronized PageStored storePage(int page, List<SourceOffer> offers, List<ItemDefect> defects,
                Integer nextPage, Instant now) {
            if (page == failOnStoreOfPage) {
                throw new IllegalStateException("database went away");
            }
            int inserted = insert(offers);
            checkpoint = new LoadCheckpoint(checkpoint.loadStartDate(), checkpoint.startedAt(), page, nextPage,
                    checkpoint.pagesLoaded() + 1, nextPage == null ? now : null);
            transactions.add("page " + page);
            quarantined.addAll(defects);
            return new PageStored(inserted, defects);
        }

        private int insert(List<SourceOffer> offers) {
            int inserted = 0;
            for (SourceOffer o : offers) {
                if (!loaded.containsKey(o.innerId())) {
                    loaded.put(o.innerId(), o);
                    inserted++;
                }
            }
            return inserted;
        }

        @Override
        public synchronized PageStored storeRefetchedPage(int page, List<SourceOffer> offers, List<ItemDefect> defects,
                Instant now) {
            resolved.add(page);
            failed.remove(page);
            transactions.add("refetched page " + page);
            quarantined.addAll(defects);
            return new PageStored(insert(offers), defects);
        }

        @Override
        public synchronized void recordFailedPage(int page, int attempts, String error, Integer nextPage, Instant now) {
            failed.put(page, new FailedPage(page, attempts, error, now));
            if (nextPage != null) {
                checkpoint = new LoadCheckpoint(checkpoint.loadStartDate(), checkpoint.startedAt(), page, nextPage,
                        checkpoint.pagesLoaded(), null);
            }
            transactions.add("failed page " + page);
        }

        @Override
        public synchronized List<FailedPage> unresolvedFailedPages() {
            return List.copyOf(failed.values());
        }

        @Override
        public synchronized long countListings() {
            return loaded.size() + listings.size();
        }

        @Override
        public synchronized Map<String, Listing> findListings(Collection<String> innerIds) {
            Map<String, Listing> found = new HashMap<>();
            for (String id : innerIds) {
                if (listings.containsKey(id)) {
                    found.put(id, listings.get(id));
                }
            }
            return found;
        }

        @Override
        public synchronized List<ItemDefect> storeChanges(Collection<Listing> written, List<ItemDefect> defects,
                List<IncompleteListing> incompleteNow, Collection<String> whole, DayCompleted dayCompleted,
                Instant now) {
            whole.forEach(incomplete::remove);
            incompleteNow.forEach(l -> incomplete.put(l.innerId(), l));
            written.forEach(l -> listings.put(l.innerId(), l));
            if (dayCompleted != null && (!dayCompleted.onlyForward() || syncState != null
                    && dayCompleted.day().equals(syncState.lastSuccessfulDate().plusDays(1)))) {
                syncState = new SyncState(dayCompleted.day(), dayCompleted.lastChangeId(), now);
            }
            transactions.add("changes " + written.size() + (dayCompleted == null ? "" : " + day " + dayCompleted.day()));
            quarantined.addAll(defects);
            return defects;
        }

        @Override
        public synchronized List<IncompleteListing> findIncomplete(int limit) {
            return incomplete.values().stream().limit(limit).toList();
        }

        @Override
        public synchronized void completeListing(String innerId, Listing completed, String failure, Instant now) {
            if (completed != null) {
                listings.put(innerId, completed);
            }
            IncompleteListing l = incomplete.remove(innerId);
            if (completed == null && failure != null && l != null) {
                incomplete.put(innerId, new IncompleteListing(innerId, l.changeId(), failure, l.attempts() + 1));
            }
            transactions.add("complete " + innerId);
        }

        @Override
        public synchronized Optional<SyncState> findSyncState() {
            return Optional.ofNullable(syncState);
        }
    }
}

package com.che168sync.application.ingest;

import static com.che168sync.application.ingest.Fakes.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.SyncState;
import com.che168sync.application.port.out.ops.InMemoryOperations;
import com.che168sync.application.testing.MutableClock;
import com.che168sync.application.testing.ReportedLines;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.domain.offer.ChangeType;
import com.che168sync.domain.offer.Listing;
import com.che168sync.domain.offer.ListingSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpdateChangesServiceTest {
    private static final LocalDate D0 = LocalDate.of(2026, 11, 20);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
    private final Fakes.Store store = new Fakes.Store();
    private final InMemoryOperations operations = new InMemoryOperations();
    private final ReportedLines lines = new ReportedLines();
    private final Fakes.ChangeSource source = new Fakes.ChangeSource();
    private boolean fetchUnknown = true;
    private Duration detailBudget = IngestSettings.DEFAULT_DETAIL_BUDGET;

    private UpdateChangesService service(int attempts) {
        RetryPolicy retry = new RetryPolicy(RetrySettings.of(attempts, Duration.ofMinutes(12)), clock::advance, clock,
                RetryListener.NONE);
        return new UpdateChangesService(source, source, store, store, retry, operations, operations, lines,
                new IngestSettings(1_000, Duration.ofSeconds(10), fetchUnknown, IngestSettings.DEFAULT_FEED_ZONE,
                        IngestSettings.DEFAULT_DETAIL_RETRY, detailBudget),
                clock);
    }

    private void seed(String innerId, Map<String, Object> data) {
        store.listings.put(innerId, new Listing(innerId, 1L, ChangeType.ADDED, Instant.EPOCH, data, true,
                ListingSource.INITIAL_LOAD, null));
    }

    /** 30 events a day over 12 listings: more than one page a day. */
    private void threeDays() {
        for (int d = 1; d <= 3; d++) {
            List<SourceChange> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String id = "L" + (i % 12);
                events.add(switch (i % 3) {
                    case 0 -> change(id, "changed", Map.of("new_price", d * 100 + i));
                    case 1 -> change(id, "added", Map.of("inner_id", id, "price", d * 1000 + i, "mark", "Kia"));
                    default -> i % 2 == 0 ? change(id, "removed", Map.of()) : change(id, "changed", Map.of("color", "red" + d));
                });
            }
            source.day(D0.plusDays(d), events);
        }
    }

    @Test
    void gapOfTwoDaysIsProcessedDayByDayAndEachDayCommitsWithItsLastPage() {
        for (int i = 0; i < 12; i++) {
            seed("L" + i, Map.of("price", 1, "mark", "Kia"));
        }
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        threeDays();
        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isZero();
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(store.syncState.lastChangeId()).isEqualTo(1089L);
        // day 1 and 2 stop at the next day's first change; day 3 (today) ends with the feed's empty page
        assertThat(store.transactions).containsExactly("changes 12", "changes 10 + day 2026-11-21", "changes 12",
                "changes 10 + day 2026-11-22", "changes 12", "changes 10", "changes 0 + day 2026-11-23");
        assertThat(store.listings).isEqualTo(expectedState());
        assertThat(operations.last().status()).isEqualTo(OperationStatus.OK);
        assertThat(operations.last().operationType()).isEqualTo("data_fetch");
        assertThat(operations.last().stats()).containsEntry("days", 3L).containsEntry("last_change_id", 1089L);
    }

    @Test
    void eachDayEndsWithAProgressLineInTheLoadsFormat() {
        threeDays();
        service(20).update(new UpdateChangesCommand(null, null, LocalDate.of(2026, 11, 21)));
        for (String day : List.of("2026-11-21", "2026-11-22", "2026-11-23")) {
            assertThat(lines.lines).anyMatch(l -> l.matches("\\[INFO] Progress: 100\\.0% \\(30 / 30 records\\) \\| Speed:"
                    + " [\\d,]+ records/min \\| ETA: done \\| day " + day));
            // the day's summary line names one last change id: the day's
            assertThat(lines.lines).filteredOn(l -> l.contains("Day " + day + " applied")).singleElement()
                    .satisfies(l -> assertThat(l.split("last change id", -1)).hasSize(2));
        }
    }

    /**
     * The read of page N+1 runs while page N is still being written: a store whose writes become visible only after
     * the next read (as a transaction that has not committed yet) must still end in the sequential result, because
     * the listings page N writes are taken from page N's own result.
     */
    @Test
    void aPageReadWhilePreviousPageCommitsLosesNoChange() {
        for (int i = 0; i < 12; i++) {
            seed("L" + i, Map.of("price", 1, "mark", "Kia"));
        }
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        // page 1 paints ten listings, page 2 reprices the same ten: a page 2 built on a stale read drops the colour
        List<SourceChange> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(change("L" + (i % 10), "changed", i < 20 ? Map.of("color", "c" + i) : Map.of("new_price", i)));
        }
        source.day(D0.plusDays(3), events);
        LaggingStore lagging = new LaggingStore(store);
        RetryPolicy retry = new RetryPolicy(RetrySettings.of(20, Duration.ofMinutes(12)), clock::advance, clock,
                RetryListener.NONE);
        IngestResult result = new UpdateChangesService(source, source, lagging, store, retry, operations, operations,
                lines, new IngestSettings(1_000, Duration.ofSeconds(10), true, IngestSettings.DEFAULT_FEED_ZONE), clock)
                .update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isZero();
        assertThat(lagging.readsWhileWriting()).as("reads that overlapped a write").isPositive();
        assertThat(store.listings).isEqualTo(expectedState());
    }

    /**
     * Delays each write until a read has run after it began (at most 0.5 s): that read sees the state before it. A
     * read also overlaps a write when it follows another read with no write begun in between: the previous page's
     * write has not even started (under load the writer thread can start after the next read).
     */
    private static final class LaggingStore implements ChangeStorePort {
        private final Fakes.Store delegate;
        private long readsDone;
        private boolean writing;
        private int readsSinceAWriteBegan;
        private int readsWhileWriting;

        synchronized int readsWhileWriting() {
            return readsWhileWriting;
        }

        LaggingStore(Fakes.Store delegate) {
            this.delegate = delegate;
        }

        @Override
        public Map<String, Listing> findListings(Collection<String> innerIds) {
            Map<String, Listing> found = delegate.findListings(innerIds);
            synchronized (this) {
                if (writing || readsSinceAWriteBegan > 0) {
                    readsWhileWriting++;
                }
                readsSinceAWriteBegan++;
                readsDone++;
                notifyAll();
            }
            return found;
        }

        @Override
        public List<IncompleteListing> findIncomplete(int limit) {
            return delegate.findIncomplete(limit);
        }

        @Override
        public void completeListing(String innerId, Listing completed, String failure, Instant now) {
            delegate.completeListing(innerId, completed, failure, now);
        }

        @Override
        public List<ItemDefect> storeChanges(Collection<Listing> listings, List<ItemDefect> defects,
                List<IncompleteListing> incomplete, Collection<String> whole, DayCompleted dayCompleted, Instant now) {
            synchronized (this) {
                writing = true;
                readsSinceAWriteBegan = 0;
                long before = readsDone;
                long deadline = System.nanoTime() + 500_000_000L;
                try {
                    while (readsDone == before && System.nanoTime() < deadline) {
                        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<ItemDefect> quarantined = delegate.storeChanges(listings, defects, incomplete, whole, dayCompleted, now);
            synchronized (this) {
                writing = false;
            }
            return quarantined;
        }

        @Override
        public Optional<SyncState> findSyncState() {
            return delegate.findSyncState();
        }
    }

    /** The seeded L0..L11 with every event of the source applied in one batch. */
    private Map<String, Listing> expectedState() {
        Fakes.Store reference = new Fakes.Store();
        for (int i = 0; i < 12; i++) {
            reference.listings.put("L" + i, new Listing("L" + i, 1L, ChangeType.ADDED, Instant.EPOCH,
                    Map.of("price", 1, "mark", "Kia"), true, ListingSource.INITIAL_LOAD, null));
        }
        List<com.che168sync.domain.offer.ChangeEvent> all = source.events.values().stream()
                .map(e -> com.che168sync.domain.offer.ChangeEvent.of(e.id(), e.innerId(), e.changeType(),
                        e.createdAt(), e.data()))
                .toList();
        Map<String, Listing> expected = new HashMap<>(reference.listings);
        expected.putAll(com.che168sync.domain.offer.ChangeBatch.apply(reference.listings, all).written());
        return expected;
    }

    @Test
    void withoutSyncStateTheFirstDayIsTheDayTheLoadStarted() {
        store.checkpoint = new LoadCheckpoint(LocalDate.of(2026, 11, 22), Instant.EPOCH, 3, null, 3, Instant.EPOCH);
        threeDays();
        service(20).update(UpdateChangesCommand.daily());
        assertThat(source.requests).first().isEqualTo("change_id 2026-11-22");
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void reRunningAnAppliedDayChangesNothing() {
        for (int i = 0; i < 12; i++) {
            seed("L" + i, Map.of("price", 1));
        }
        threeDays();
        service(20).update(new UpdateChangesCommand(null, null, LocalDate.of(2026, 11, 21)));
        Map<String, Listing> after = new HashMap<>(store.listings);
        IngestResult again = service(20).update(new UpdateChangesCommand(null, LocalDate.of(2026, 11, 22), null));
        assertThat(store.listings).isEqualTo(after);
        assertThat(((IngestResult.Completed) again).stats().listingsSkipped()).isEqualTo(30);
        assertThat(store.syncState.lastSuccessfulDate()).as("a replay never moves the state back")
                .isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void dayThatCannotBeCompletedIsNotMarkedAndTheNextRunStartsFromIt() {
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        threeDays();
        source.failuresLeft.put(1050L, new AtomicInteger(3)); // day 2's second page
        IngestResult result = service(3).update(UpdateChangesCommand.daily());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 21));
        assertThat(operations.last().status()).isEqualTo(OperationStatus.ERROR);
        assertThat(operations.last().details()).contains("day 2026-11-22 not completed");

        IngestResult next = service(3).update(UpdateChangesCommand.daily());
        assertThat(next.exitCode()).isZero();
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(store.listings).isEqualTo(expectedAfterDay3WithoutSeed());
    }

    private Map<String, Listing> expectedAfterDay3WithoutSeed() {
        List<com.che168sync.domain.offer.ChangeEvent> all = source.events.values().stream()
                .map(e -> com.che168sync.domain.offer.ChangeEvent.of(e.id(), e.innerId(), e.changeType(),
                        e.createdAt(), e.data()))
                .toList();
        // every listing of the fake starts with "changed" on day 1, unknown: built from /offer when known
        return new HashMap<>(com.che168sync.domain.offer.ChangeBatch.apply(Map.of(), all.stream()
                .map(e -> e instanceof com.che168sync.domain.offer.ChangeEvent.Changed c
                        && source.offers.containsKey(e.innerId()) ? c.withFullListing(source.offers.get(e.innerId())) : e)
                .toList()).written());
    }

    @Test
    void changedEventForUnknownListingFetchesTheFullListing() {
        source.offers.put("X", Map.of("inner_id", "X", "price", 5, "mark", "BMW"));
        source.day(LocalDate.of(2026, 11, 23), List.of(change("X", "changed", Map.of("new_price", 4))));
        store.syncState = new SyncState(LocalDate.of(2026, 11, 22), null, Instant.EPOCH);
        service(20).update(UpdateChangesCommand.daily());
        assertThat(source.requests).contains("offer X");
        assertThat(store.listings.get("X").data()).isEqualTo(Map.of("inner_id", "X", "price", 4, "mark", "BMW"));
        assertThat(store.listings.get("X").source()).isEqualTo(ListingSource.DAILY_UPDATE);
    }

    @Test
    void detailFetchCanBeSwitchedOff() {
        fetchUnknown = false;
        source.offers.put("X", Map.of("inner_id", "X", "price", 5));
        source.day(LocalDate.of(2026, 11, 23), List.of(change("X", "changed", Map.of("new_price", 4))));
        store.syncState = new SyncState(LocalDate.of(2026, 11, 22), null, Instant.EPOCH);
        service(20).update(UpdateChangesCommand.daily());
        assertThat(source.requests).doesNotContain("offer X");
        assertThat(store.listings.get("X").data()).isEqualTo(Map.of("price", 4));
    }

    @Test
    void listingAddedEarlierInThePageIsNotFetched() {
        source.day(LocalDate.of(2026, 11, 23), List.of(change("X", "added", Map.of("price", 5)),
                change("X", "changed", Map.of("new_price", 4))));
        store.syncState = new SyncState(LocalDate.of(2026, 11, 22), null, Instant.EPOCH);
        service(20).update(UpdateChangesCommand.daily());
        assertThat(source.requests).doesNotContain("offer X");
        assertThat(store.listings.get("X").data()).isEqualTo(Map.of("price", 4));
    }

    @Test
    void upToDateRunDoesNothing() {
        store.syncState = new SyncState(LocalDate.of(2026, 11, 23), 5L, Instant.EPOCH);
        IngestResult result = service(20).update(UpdateChangesCommand.daily());
        assertThat(((IngestResult.Completed) result).message()).contains("Up to date");
        assertThat(source.requests).isEmpty();
    }

    @Test
    void maxDatesLimitsTheDaysOfARun() {
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        threeDays();
        service(20).update(new UpdateChangesCommand(2, null, null));
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void changesPublishedAfterARunLaterThatDayAreNotLost() {
        store.syncState = new SyncState(LocalDate.of(2026, 11, 22), null, Instant.EPOCH);
        source.day(LocalDate.of(2026, 11, 23), List.of(change("X", "added", Map.of("price", 5))));
        service(20).update(UpdateChangesCommand.daily());
        // later on the 23rd another change arrives; the next run is on the 24th
        source.events.put(source.nextId, new SourceChange(source.nextId, "X", "changed",
                Instant.parse("2026-11-23T20:00:00Z"), Map.of("new_price", 6)));
        source.nextId++;
        source.day(LocalDate.of(2026, 11, 24), List.of());
        clock.advance(Duration.ofDays(1));
        service(20).update(UpdateChangesCommand.daily());
        assertThat(store.listings.get("X").data()).isEqualTo(Map.of("price", 6));
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 24));
    }

    @Test
    void secondConcurrentUpdateIsRefused() {
        operations.tryLock(UpdateChangesService.JOB_NAME);
        IngestResult result = service(20).update(UpdateChangesCommand.daily());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(source.requests).isEmpty();
    }

    @Test
    void eventWithUnknownChangeTypeIsReportedAndTheRestApplied() {
        source.day(LocalDate.of(2026, 11, 23), List.of(change("X", "deleted", Map.of()),
                change("Y", "added", Map.of("price", 1))));
        store.syncState = new SyncState(LocalDate.of(2026, 11, 22), null, Instant.EPOCH);
        IngestResult result = service(20).update(UpdateChangesCommand.daily());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.listings).containsOnlyKeys("Y");
        assertThat(lines.lines).anyMatch(l -> l.contains("listing X (change 1000) not applied, kept in"
                + " ingest_quarantine") && l.contains("'deleted'"));
        assertThat(store.quarantined).singleElement().satisfies(d -> {
            assertThat(d.changeId()).isEqualTo(1000L);
            assertThat(d.stored()).isFalse();
        });
    }

    @Test
    void aDateOrFromAfterTodayIsRefusedAndNothingRuns() {
        threeDays();
        IngestResult date = service(20).update(new UpdateChangesCommand(null, LocalDate.of(2027, 1, 1), null));
        IngestResult from = service(20).update(new UpdateChangesCommand(null, null, LocalDate.of(2026, 11, 24)));

        assertThat(date.exitCode()).isEqualTo(2);
        assertThat(((IngestResult.Refused) date).reason()).contains("--date 2027-01-01 is after today (2026-11-23");
        assertThat(from.exitCode()).isEqualTo(2);
        assertThat(((IngestResult.Refused) from).reason()).contains("--from 2026-11-24");
        assertThat(source.requests).isEmpty();
        assertThat(store.syncState).isNull();
    }

    @Test
    void aReplayPastADayThatWasNotAppliedIsRefusedAndTheDaysThenRunInOrder() {
        threeDays();
        store.syncState = new SyncState(D0, 999L, Instant.EPOCH);

        IngestResult replay = service(20).update(new UpdateChangesCommand(null, D0.plusDays(2), null));
        assertThat(replay.exitCode()).as("day 21 was never applied: 22's events first would make 21's look stale")
                .isEqualTo(2);
        assertThat(((IngestResult.Refused) replay).reason()).contains("--date 2026-11-22 lies after day 2026-11-21,"
                + " which was never applied", "Nothing was done", "./che168 update --date 2026-11-21 first");
        assertThat(source.requests).isEmpty();
        assertThat(store.listings).isEmpty();
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0);
        assertThat(operations.recent(10)).isEmpty();

        service(20).update(new UpdateChangesCommand(null, D0.plusDays(1), null));
        assertThat(store.syncState.lastSuccessfulDate()).as("the day right after it").isEqualTo(D0.plusDays(1));
        service(20).update(UpdateChangesCommand.daily());
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0.plusDays(3));
    }

    @Test
    void fromSaysWhichDaysItSkips() {
        threeDays();
        store.syncState = new SyncState(D0, 999L, Instant.EPOCH);

        IngestResult result = service(20).update(new UpdateChangesCommand(null, null, D0.plusDays(3)));

        assertThat(result.exitCode()).isZero();
        assertThat(lines.lines).anyMatch(l -> l.startsWith("[WARNING] --from 2026-11-23 skips days 2026-11-21 to"
                + " 2026-11-22, never applied"));
        assertThat(operations.last().details()).contains("skips days 2026-11-21 to 2026-11-22");
    }

    @Test
    void aPastDayTheFeedNoLongerHasStopsAtOnceNamingTheDayAndWhatToDo() {
        threeDays();
        store.syncState = new SyncState(D0, 999L, Instant.EPOCH);
        source.notInFeed.add(D0.plusDays(1));

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(source.requests).containsExactly("change_id 2026-11-21");
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0);
        assertThat(store.transactions).isEmpty();
        assertThat(operations.last().details()).contains("day 2026-11-21 is no longer in the feed",
                "./che168 update --from 2026-11-22", "./che168 reconcile");
    }

    @Test
    void todayNotYetInTheFeedIsNothingToDo() {
        threeDays();
        store.syncState = new SyncState(D0.plusDays(2), 1059L, Instant.EPOCH);
        source.notInFeed.add(D0.plusDays(3));

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isZero();
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0.plusDays(2));
        assertThat(lines.lines).anyMatch(l -> l.contains("The feed has no changes for 2026-11-23 yet"));
    }

    @Test
    void aPastDayWhoseFeedEndsBeforeTheNextDayIsReadAgainToItsEnd() {
        for (int i = 0; i < 12; i++) {
            seed("L" + i, Map.of("price", 1, "mark", "Kia"));
        }
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        threeDays();
        source.endsEarly.put(1020L, new AtomicInteger(2)); // day 1's second page: the feed looks ended twice

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isZero();
        assertThat(source.requests.stream().filter("changes 1020"::equals)).hasSize(3);
        assertThat(store.listings).isEqualTo(expectedState());
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0.plusDays(3));
    }

    @Test
    void aPastDayWhoseFeedKeepsEndingEarlyIsNotCompleted() {
        store.syncState = new SyncState(D0, null, Instant.EPOCH);
        threeDays();
        source.endsEarly.put(1020L, new AtomicInteger(100));

        IngestResult result = service(3).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0);
        assertThat(operations.last().details()).contains("day 2026-11-21 not completed",
                "before the next day's first change id 1030");
    }

    @Test
    void aDeadOfferCostsSecondsNotHoursAndItsListingIsMarkedIncompleteThenCompletedByTheNextRun() {
        store.syncState = new SyncState(D0.plusDays(2), null, Instant.EPOCH);
        source.day(D0.plusDays(3), List.of(change("U", "changed", Map.of("new_price", 5))));
        source.offerFails.add("U");
        Instant started = clock.instant();

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(source.requests.stream().filter("offer U"::equals)).hasSize(3);
        assertThat(Duration.between(started, clock.instant())).isEqualTo(Duration.ofSeconds(10));
        assertThat(store.listings.get("U").data()).isEqualTo(Map.of("price", 5));
        assertThat(store.incomplete).containsOnlyKeys("U");
        assertThat(operations.last().details()).contains("listing U stored from the event's fields only and marked"
                + " incomplete");
        assertThat(store.syncState.lastSuccessfulDate()).as("the day is applied").isEqualTo(D0.plusDays(3));

        source.offerFails.clear();
        source.offers.put("U", Map.of("inner_id", "U", "price", 9, "mark", "Kia"));
        IngestResult next = service(20).update(UpdateChangesCommand.daily());

        assertThat(next.exitCode()).isZero();
        assertThat(store.listings.get("U").data()).isEqualTo(Map.of("inner_id", "U", "price", 5, "mark", "Kia"));
        assertThat(store.incomplete).isEmpty();
    }

    @Test
    void aListingThatArrivesWholeIsNoLongerIncomplete() {
        store.syncState = new SyncState(D0.plusDays(2), null, Instant.EPOCH);
        // V: the added event later in the same page brings it whole; U stays a fragment of its day
        source.day(D0.plusDays(3), List.of(change("U", "changed", Map.of("new_price", 5)),
                change("V", "changed", Map.of("new_price", 6)),
                change("V", "added", Map.of("inner_id", "V", "price", 7, "mark", "Kia"))));
        source.offerFails.addAll(List.of("U", "V"));

        IngestResult first = service(20).update(UpdateChangesCommand.daily());

        assertThat(first.exitCode()).isEqualTo(1);
        assertThat(store.incomplete).containsOnlyKeys("U");
        assertThat(operations.last().details()).contains("listing U stored from the event's fields only")
                .doesNotContain("listing V stored");

        // the next day brings U whole with an added event while /offer is still dead
        source.day(D0.plusDays(4), List.of(change("U", "added", Map.of("inner_id", "U", "price", 8, "mark", "BMW"))));
        clock.advance(Duration.ofDays(1));
        service(20).update(UpdateChangesCommand.daily());

        assertThat(store.incomplete).as("the whole listing's mark went with its write").isEmpty();
        assertThat(store.listings.get("U").data()).isEqualTo(Map.of("inner_id", "U", "price", 8, "mark", "BMW"));
        assertThat(store.syncState.lastSuccessfulDate()).isEqualTo(D0.plusDays(4));
    }

    @Test
    void aRefusedKeyOnOfferIsFinalAndStopsEveryFurtherDetailFetchOfTheRun() {
        store.syncState = new SyncState(D0.plusDays(2), null, Instant.EPOCH);
        source.day(D0.plusDays(3), List.of(change("U", "changed", Map.of("new_price", 5)),
                change("V", "changed", Map.of("new_price", 6))));
        source.offerRefusesTheKey = true;

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(source.requests.stream().filter(r -> r.startsWith("offer"))).containsExactly("offer U");
        assertThat(store.incomplete).containsOnlyKeys("U", "V");
    }

    @Test
    void theDetailBudgetCapsTheTimeOneRunSpendsOnOffer() {
        detailBudget = Duration.ofSeconds(15);
        store.syncState = new SyncState(D0.plusDays(2), null, Instant.EPOCH);
        List<SourceChange> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(change("U" + i, "changed", Map.of("new_price", i)));
            source.offerFails.add("U" + i);
        }
        source.day(D0.plusDays(3), events);

        IngestResult result = service(20).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(source.requests.stream().filter(r -> r.startsWith("offer"))).hasSize(6); // 2 listings x 3
        assertThat(store.incomplete).hasSize(5);
        assertThat(lines.lines).anyMatch(l -> l.contains("update.detail_budget"));
    }
}

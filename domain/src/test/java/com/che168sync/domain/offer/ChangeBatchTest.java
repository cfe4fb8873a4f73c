package com.che168sync.domain.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChangeBatchTest {
    private static final Instant T = Instant.parse("2026-11-21T11:00:00Z");

    @Test
    void sameListingAddedChangedRemovedInOneBatchEndsRemovedWithMergedData() {
        List<ChangeEvent> events = List.of(
                new ChangeEvent.Removed(3, "1", T, Map.of()),
                new ChangeEvent.Added(1, "1", T, Map.of("price", 10, "mark", "Kia")),
                new ChangeEvent.Changed(2, "1", T, Map.of("new_price", 9), null));
        ChangeBatch.Result r = ChangeBatch.apply(Map.of(), events);
        Listing l = r.written().get("1");
        assertThat(l.data()).isEqualTo(Map.of("price", 9, "mark", "Kia"));
        assertThat(l.active()).isFalse();
        assertThat(l.lastChangeId()).isEqualTo(3L);
        assertThat(r.created()).isEqualTo(1);
        assertThat(r.updated()).isEqualTo(2);
        assertThat(r.isNew("1")).isTrue();
        assertThat(r.lastEventId()).hasValue(3);
    }

    @Test
    void listingsWrittenWholeAreThoseOfAnAppliedAddedOrAChangedCarryingTheFetchedListing() {
        Listing stored = new Listing("4", 1L, ChangeType.ADDED, T, Map.of("price", 10), true,
                ListingSource.INITIAL_LOAD, 50L);
        ChangeBatch.Result r = ChangeBatch.apply(Map.of("4", stored), List.of(
                new ChangeEvent.Changed(1, "1", T, Map.of("new_price", 9), null),
                new ChangeEvent.Added(2, "1", T, Map.of("price", 10)),
                new ChangeEvent.Changed(3, "2", T, Map.of("new_price", 9), null),
                new ChangeEvent.Changed(4, "3", T, Map.of("new_price", 9), null).withFullListing(Map.of("price", 1)),
                new ChangeEvent.Removed(5, "3", T, Map.of()),
                new ChangeEvent.Added(6, "4", T, Map.of("price", 11))));
        assertThat(r.wholeListings()).as("2 is a fragment; 4's added event is stopped by the replay guard")
                .containsExactly("1", "3");
    }

    @Test
    void replayedBatchIsAllSkippedAndWritesNothing() {
        List<ChangeEvent> events = List.of(new ChangeEvent.Added(1, "1", T, Map.of("price", 10)));
        ChangeBatch.Result first = ChangeBatch.apply(Map.of(), events);
        ChangeBatch.Result again = ChangeBatch.apply(first.written(), events);
        assertThat(again.written()).isEmpty();
        assertThat(again.skipped()).isEqualTo(1);
    }

    @Test
    void eventThatChangesNothingCountsAsUnchanged() {
        Listing stored = new Listing("1", 1L, ChangeType.ADDED, T, Map.of("price", 10), true,
                ListingSource.INITIAL_LOAD, null);
        ChangeBatch.Result r = ChangeBatch.apply(Map.of("1", stored),
                List.of(new ChangeEvent.Changed(5, "1", T, Map.of("new_price", 10L), null)));
        assertThat(r.unchanged()).isEqualTo(1);
        assertThat(r.updated()).isZero();
        assertThat(r.written()).containsKey("1");
    }

    /** Property: a day applied twice (as the second run would: to the stored result) equals the day applied once. */
    @Test
    void applyingADayTwiceEqualsApplyingItOnce() {
        Random random = new Random(20261123);
        for (int round = 0; round < 300; round++) {
            Map<String, Listing> store = initial(random, 30);
            List<ChangeEvent> day = RandomListings.day(random, 1_000 + round * 100L, 60, 40);
            Map<String, Listing> once = store(store, ChangeBatch.apply(store, day));
            Map<String, Listing> twice = store(once, ChangeBatch.apply(once, day));
            assertThat(twice).as("round %d", round).isEqualTo(once);
        }
    }

    /** Property: the order in which the events arrive does not matter, their ids do. */
    @Test
    void eventOrderByIdDecides() {
        Random random = new Random(168168);
        for (int round = 0; round < 300; round++) {
            Map<String, Listing> store = initial(random, 30);
            List<ChangeEvent> day = RandomListings.day(random, 1_000, 60, 40);
            List<ChangeEvent> shuffled = new ArrayList<>(day);
            Collections.shuffle(shuffled, random);
            assertThat(store(store, ChangeBatch.apply(store, shuffled))).as("round %d", round)
                    .isEqualTo(store(store, ChangeBatch.apply(store, day)));
        }
    }

    /** Property: a day split into pages applied one after another equals the whole day applied at once. */
    @Test
    void applyingPageByPageEqualsApplyingTheWholeDay() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            Map<String, Listing> store = initial(random, 30);
            List<ChangeEvent> day = RandomListings.day(random, 1_000, 60, 40);
            Map<String, Listing> paged = store;
            for (int from = 0; from < day.size(); from += 20) {
                paged = store(paged, ChangeBatch.apply(paged, day.subList(from, Math.min(day.size(), from + 20))));
            }
            assertThat(paged).isEqualTo(store(store, ChangeBatch.apply(store, day)));
        }
    }

    private static Map<String, Listing> initial(Random random, int n) {
        Map<String, Listing> store = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String id = "5600" + random.nextInt(40);
            store.put(id, new Listing(id, (long) i, ChangeType.ADDED, T, RandomListings.data(random),
                    random.nextBoolean(), ListingSource.INITIAL_LOAD, random.nextInt(3) == 0 ? 999L : null));
        }
        return store;
    }

    private static Map<String, Listing> store(Map<String, Listing> before, ChangeBatch.Result r) {
        Map<String, Listing> after = new HashMap<>(before);
        after.putAll(r.written());
        return after;
    }
}

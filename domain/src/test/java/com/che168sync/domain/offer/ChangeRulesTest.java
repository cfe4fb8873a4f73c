package com.che168sync.domain.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-21T11:00:00Z");

    private static Listing stored(Long lastChangeId, boolean active) {
        return new Listing("56000001", 17L, ChangeType.ADDED, T0, Map.of("price", 8000, "mark", "Kia"), active,
                ListingSource.INITIAL_LOAD, lastChangeId);
    }

    @Test
    void addedEventForUnknownListingCreatesActiveRowFromDailyUpdate() {
        ChangeOutcome o = ChangeRules.apply(null, new ChangeEvent.Added(10, "56000001", T1, Map.of("price", 1)));
        assertThat(o).isInstanceOf(ChangeOutcome.Created.class);
        Listing l = ((ChangeOutcome.Created) o).listing();
        assertThat(l.active()).isTrue();
        assertThat(l.source()).isEqualTo(ListingSource.DAILY_UPDATE);
        assertThat(l.data()).isEqualTo(Map.of("price", 1));
        assertThat(l.lastChangeId()).isEqualTo(10L);
        assertThat(l.changeType()).isEqualTo(ChangeType.ADDED);
        assertThat(l.createdAt()).isEqualTo(T1);
        assertThat(l.apiId()).isNull();
        assertThat(o.rule()).isEqualTo("added-unknown");
    }

    @Test
    void addedEventForKnownListingReplacesDataAndReactivates() {
        ChangeOutcome o = ChangeRules.apply(stored(5L, false),
                new ChangeEvent.Added(10, "56000001", T1, Map.of("price", 9000)));
        Listing after = ((ChangeOutcome.Updated) o).after();
        assertThat(after.data()).isEqualTo(Map.of("price", 9000));
        assertThat(after.active()).isTrue();
        assertThat(after.source()).isEqualTo(ListingSource.INITIAL_LOAD);
        assertThat(after.apiId()).isEqualTo(17L);
        assertThat(o.rule()).isEqualTo("added-known");
    }

    @Test
    void changedEventMergesAndKeepsActiveStatus() {
        ChangeOutcome o = ChangeRules.apply(stored(null, false),
                new ChangeEvent.Changed(10, "56000001", T1, Map.of("new_price", 7500), null));
        Listing after = ((ChangeOutcome.Updated) o).after();
        assertThat(after.data()).isEqualTo(Map.of("price", 7500, "mark", "Kia"));
        assertThat(after.active()).isFalse();
        assertThat(after.changeType()).isEqualTo(ChangeType.CHANGED);
        assertThat(after.createdAt()).isEqualTo(T1);
        assertThat(after.lastChangeId()).isEqualTo(10L);
    }

    @Test
    void changedEventCarryingActiveStatusDecidesIt() {
        Listing after = ((ChangeOutcome.Updated) ChangeRules.apply(stored(null, false),
                new ChangeEvent.Changed(10, "56000001", T1, Map.of("active_status", 0), null))).after();
        assertThat(after.active()).isTrue();
        Listing inactive = ((ChangeOutcome.Updated) ChangeRules.apply(stored(null, true),
                new ChangeEvent.Changed(11, "56000001", T1, Map.of("new_active_status", "1"), null))).after();
        assertThat(inactive.active()).isFalse();
    }

    @Test
    void changedEventForUnknownListingCreatesActiveRowFromItsFields() {
        ChangeOutcome o = ChangeRules.apply(null, new ChangeEvent.Changed(10, "56000009", T1, Map.of("new_price", 1), null));
        Listing l = ((ChangeOutcome.Created) o).listing();
        assertThat(l.data()).isEqualTo(Map.of("price", 1));
        assertThat(l.active()).isTrue();
        assertThat(l.source()).isEqualTo(ListingSource.DAILY_UPDATE);
        assertThat(o.rule()).isEqualTo("changed-unknown");
    }

    @Test
    void changedEventForUnknownListingWithFetchedListingMergesOnTopOfIt() {
        ChangeEvent.Changed e = new ChangeEvent.Changed(10, "56000009", T1, Map.of("new_price", 1), null)
                .withFullListing(Map.of("price", 5, "mark", "BMW"));
        Listing l = ((ChangeOutcome.Created) ChangeRules.apply(null, e)).listing();
        assertThat(l.data()).isEqualTo(Map.of("price", 1, "mark", "BMW"));
    }

    @Test
    void removedEventMarksInactiveAndKeepsData() {
        ChangeOutcome o = ChangeRules.apply(stored(3L, true), new ChangeEvent.Removed(10, "56000001", T1, Map.of()));
        Listing after = ((ChangeOutcome.Updated) o).after();
        assertThat(after.active()).isFalse();
        assertThat(after.data()).isEqualTo(Map.of("price", 8000, "mark", "Kia"));
        assertThat(after.changeType()).isEqualTo(ChangeType.REMOVED);
        assertThat(after.lastChangeId()).isEqualTo(10L);
    }

    @Test
    void removedEventForUnknownListingCreatesInactiveRow() {
        ChangeOutcome o = ChangeRules.apply(null, new ChangeEvent.Removed(10, "56000009", T1, Map.of()));
        Listing l = ((ChangeOutcome.Created) o).listing();
        assertThat(l.active()).isFalse();
        assertThat(l.data()).isEmpty();
        assertThat(l.source()).isEqualTo(ListingSource.DAILY_UPDATE);
    }

    @Test
    void eventNotAfterLastChangeIdIsSkipped() {
        assertThat(ChangeRules.apply(stored(10L, true), new ChangeEvent.Removed(10, "56000001", T1, Map.of())))
                .isInstanceOf(ChangeOutcome.Skipped.class);
        assertThat(ChangeRules.apply(stored(10L, true), new ChangeEvent.Removed(9, "56000001", T1, Map.of())))
                .isInstanceOf(ChangeOutcome.Skipped.class)
                .extracting(ChangeOutcome::rule).isEqualTo("replay-guard");
        assertThat(ChangeRules.apply(stored(10L, true), new ChangeEvent.Removed(11, "56000001", T1, Map.of())))
                .isInstanceOf(ChangeOutcome.Updated.class);
    }

    @Test
    void eventWithoutCreatedAtKeepsTheStoredOne() {
        Listing after = ((ChangeOutcome.Updated) ChangeRules.apply(stored(null, true),
                new ChangeEvent.Removed(10, "56000001", null, Map.of()))).after();
        assertThat(after.createdAt()).isEqualTo(T0);
    }

    @Test
    void unknownChangeTypeIsRefusedNamingIt() {
        assertThatThrownBy(() -> ChangeEvent.of(42, "1", "deleted", T1, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("42").hasMessageContaining("'deleted'");
        assertThat(ChangeEvent.of(42, "1", " Changed ", T1, null)).isInstanceOf(ChangeEvent.Changed.class);
        assertThatThrownBy(() -> ChangeEvent.of(43, " ", "added", T1, Map.of()))
                .hasMessageContaining("43").hasMessageContaining("inner_id");
    }

    @Test
    void eventForAnotherListingIsRefused() {
        assertThatThrownBy(() -> ChangeRules.apply(stored(null, true),
                new ChangeEvent.Removed(10, "other", T1, Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registryListsEveryRuleOnceWithItsName() {
        assertThat(ChangeRules.all()).extracting(ChangeRule::name).containsExactly("replay-guard", "added-unknown",
                "added-known", "changed-known", "changed-unknown", "removed-known", "removed-unknown");
        assertThat(ChangeRules.all()).allSatisfy(r -> assertThat(r.description()).isNotBlank());
    }
}

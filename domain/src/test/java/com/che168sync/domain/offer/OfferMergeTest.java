package com.che168sync.domain.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfferMergeTest {

    @Test
    void specExampleRenamesNewPriceAndKeepsTheRest() {
        assertThat(OfferMerge.merge(Map.of("price", 8000, "mark", "Kia"), Map.of("new_price", 7500)))
                .isEqualTo(Map.of("price", 7500, "mark", "Kia"));
    }

    @Test
    void newMileageAndNewKmAgeAreRenamed() {
        assertThat(OfferMerge.merge(Map.of("mileage", 1, "km_age", 2), Map.of("new_mileage", 10, "new_km_age", 20)))
                .isEqualTo(Map.of("mileage", 10, "km_age", 20));
    }

    @Test
    void prefixedKeyForAFieldTheListingLacksAddsIt() {
        assertThat(OfferMerge.merge(Map.of("mark", "Kia"), Map.of("new_price_won", 1)))
                .isEqualTo(Map.of("mark", "Kia", "price_won", 1));
    }

    @Test
    void otherKeysOverwriteTheirNamesake() {
        assertThat(OfferMerge.merge(Map.of("color", "белый", "year", 2013), Map.of("color", "Черный")))
                .isEqualTo(Map.of("color", "Черный", "year", 2013));
    }

    @Test
    void absentKeysStayUntouchedAndAnEmptyEventChangesNothing() {
        Map<String, Object> stored = Map.of("price", 8000, "extra", Map.of("a", 1));
        assertThat(OfferMerge.merge(stored, Map.of())).isEqualTo(stored);
    }

    @Test
    void explicitNullOverwrites() {
        Map<String, Object> event = new HashMap<>();
        event.put("new_vin", null);
        Map<String, Object> merged = OfferMerge.merge(Map.of("vin", "LSV123"), event);
        assertThat(merged).containsEntry("vin", null).doesNotContainKey("new_vin");
    }

    @Test
    void objectsAreReplacedWholeNotMergedDeeply() {
        assertThat(OfferMerge.merge(Map.of("extra", Map.of("a", 1, "b", 2)), Map.of("extra", Map.of("a", 3))))
                .isEqualTo(Map.of("extra", Map.of("a", 3)));
    }

    @Test
    void prefixedKeyWinsOverPlainKeyOfTheSameNameWhateverTheOrder() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("new_price", 7500);
        event.put("price", 1);
        assertThat(OfferMerge.merge(Map.of("price", 8000), event)).isEqualTo(Map.of("price", 7500));
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("price", 1);
        reversed.put("new_price", 7500);
        assertThat(OfferMerge.merge(Map.of("price", 8000), reversed)).isEqualTo(Map.of("price", 7500));
    }

    @Test
    void neverStoresANewPrefixedKeyEvenFromTheStoredSideOrDoublePrefixes() {
        Map<String, Object> merged = OfferMerge.merge(Map.of("new_price", 1, "mark", "Kia"),
                Map.of("new_new_km_age", 5, "new_", "x"));
        assertThat(merged).isEqualTo(Map.of("price", 1, "mark", "Kia", "km_age", 5));
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Object> stored = new HashMap<>(Map.of("price", 8000));
        Map<String, Object> event = new HashMap<>(Map.of("new_price", 7500));
        OfferMerge.merge(stored, event);
        assertThat(stored).isEqualTo(Map.of("price", 8000));
        assertThat(event).isEqualTo(Map.of("new_price", 7500));
    }

    @Test
    void keyNamesThatOnlyContainNewAreNotPrefixed() {
        assertThat(OfferMerge.canonicalKey("renew_date")).isEqualTo("renew_date");
        assertThat(OfferMerge.canonicalKey("news")).isEqualTo("news");
        assertThat(OfferMerge.canonicalKey("new_price")).isEqualTo("price");
    }

    /** Property: for random listings and events, merging twice equals merging once, and no new_ key survives. */
    @Test
    void mergeIsIdempotentAndPrefixFreeForRandomInputs() {
        Random random = new Random(168);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> stored = RandomListings.data(random);
            Map<String, Object> event = RandomListings.changedFields(random);
            Map<String, Object> once = OfferMerge.merge(stored, event);
            assertThat(OfferMerge.merge(once, event)).as("case %d", i).isEqualTo(once);
            assertThat(once.keySet()).noneMatch(k -> k.startsWith("new_"));
            for (String k : stored.keySet()) {
                if (!event.containsKey(k) && !event.containsKey("new_" + k)) {
                    assertThat(once).containsEntry(k, stored.get(k));
                }
            }
        }
    }

    @Test
    void sameJsonComparesNumbersByValue() {
        assertThat(JsonEquality.sameJson(Map.of("a", List.of(1, 2.5)), Map.of("a", List.of(1L, new java.math.BigDecimal("2.50")))))
                .isTrue();
        assertThat(JsonEquality.sameJson(Map.of("a", 1), Map.of("a", "1"))).isFalse();
    }
}

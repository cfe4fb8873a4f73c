package com.che168sync.application.port.in.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfferFilterTest {
    @ParameterizedTest
    @ValueSource(strings = {"朗逸", "途观", "bmw", "x 5", "ランクル", "쏘렌토", "宝马x", "a6l"})
    void aQueryOfTwoIdeographsOrThreeOtherCharactersIsAccepted(String q) {
        assertThat(withQ(q).q()).isEqualTo(q);
    }

    @ParameterizedTest
    @ValueSource(strings = {"朗", "ab", "x5", "朗a", "  b  "})
    void aShorterQueryIsRefusedNamingBothMinimums(String q) {
        assertThatThrownBy(() -> withQ(q))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("q"))
                .hasMessage("q needs at least 3 characters (or 2 Chinese, Japanese or Korean characters)");
    }

    private static OfferFilter withQ(String q) {
        return new OfferFilter(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, q);
    }
}

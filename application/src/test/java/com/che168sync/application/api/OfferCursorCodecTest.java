package com.che168sync.application.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.in.api.InvalidQueryException;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferSort;
import org.junit.jupiter.api.Test;

class OfferCursorCodecTest {
    private final OfferCursorCodec codec = OfferCursorCodec.fromSecret("secret");
    private final OfferFilter bmw = new OfferFilter("BMW", null, 2015, null, null, null, null, null, null, null, null,
            null, null, null, null, null);

    @Test
    void aCursorRoundTripsWithItsFiltersAndSort() {
        String c = codec.encode(OfferSort.PRICE, bmw, new Keyset(150_000L, 42), 3);
        assertThat(codec.decode(c, OfferSort.PRICE, bmw)).isEqualTo(
                new OfferCursorCodec.Position(new Keyset(150_000L, 42), 3));
        OfferFilter sameInOtherCase = new OfferFilter("bmw", null, 2015, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
        assertThat(codec.decode(c, OfferSort.PRICE, sameInOtherCase).page()).isEqualTo(3);
        String tail = codec.encode(OfferSort.NEWEST, OfferFilter.NONE, new Keyset(null, 9), 2);
        assertThat(codec.decode(tail, OfferSort.NEWEST, OfferFilter.NONE).after().sortKey()).isNull();
    }

    @Test
    void anyChangedCharacterIsDetected() {
        String c = codec.encode(OfferSort.YEAR_DESC, bmw, new Keyset(2019L, 1234), 2);
        for (int i = 0; i < c.length(); i++) {
            char[] chars = c.toCharArray();
            chars[i] = chars[i] == 'x' ? 'y' : 'x';
            String tampered = new String(chars);
            assertThatThrownBy(() -> codec.decode(tampered, OfferSort.YEAR_DESC, bmw))
                    .isInstanceOf(InvalidQueryException.class)
                    .extracting(e -> ((InvalidQueryException) e).parameter()).isEqualTo("cursor");
        }
    }

    @Test
    void aCursorOfOtherFiltersSortOrKeyIsRefused() {
        String c = codec.encode(OfferSort.PRICE, bmw, new Keyset(1L, 1), 2);
        assertThatThrownBy(() -> codec.decode(c, OfferSort.PRICE, OfferFilter.NONE))
                .hasMessageContaining("other filters");
        assertThatThrownBy(() -> codec.decode(c, OfferSort.PRICE_DESC, bmw)).hasMessageContaining("sort=price");
        assertThatThrownBy(() -> OfferCursorCodec.fromSecret("other").decode(c, OfferSort.PRICE, bmw))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> codec.decode("x".repeat(1000), OfferSort.PRICE, bmw))
                .isInstanceOf(InvalidQueryException.class);
        assertThatThrownBy(() -> codec.decode("....", OfferSort.PRICE, bmw))
                .isInstanceOf(InvalidQueryException.class);
    }
}

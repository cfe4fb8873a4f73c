package com.che168sync.domain.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.domain.json.JsonValues;
import com.che168sync.domain.normalize.Coded;
import com.che168sync.domain.normalize.Normalization;
import com.che168sync.domain.normalize.Normalizer;
import com.che168sync.domain.offer.OfferMerge;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Does exactly what docs/embedding.md shows, with nothing but the domain's own classes and the JDK. */
class EmbeddingExampleTest {
    @Test
    void mergeAChangeAndNormalizeAListing() {
        // --- docs/embedding.md, step by step ---
        String storedJson = """
                {"inner_id": "53692747", "mark": "Kia", "model": "K2", "year": 2013, "price": 8000,
                 "km_age": "11万公里", "engine_type": "бензиновый", "color": "белый", "address": "Цзыбо",
                 "is_dealer": "true", "images": "[\\"https://2sc2.autoimg.cn/kia1.jpg\\"]"}""";
        String eventDataJson = "{\"new_price\": 7500}";

        Map<String, Object> stored = JsonValues.parseObject(storedJson);
        Map<String, Object> event = JsonValues.parseObject(eventDataJson);
        Map<String, Object> merged = OfferMerge.merge(stored, event);
        Normalization n = Normalizer.normalize(merged, LocalDate.of(2026, 11, 23));

        // --- what the page says you get ---
        assertThat(merged).containsEntry("price", 7500L).doesNotContainKey("new_price");
        assertThat(n.listing().price()).isEqualTo(7500L);
        assertThat(n.listing().kmAge()).isEqualTo(110_000);
        assertThat(n.listing().engineType()).isEqualTo(new Coded("petrol", "бензиновый"));
        assertThat(n.listing().location().city()).isEqualTo("淄博");
        assertThat(n.listing().location().province()).isEqualTo("山东");
        assertThat(n.listing().isDealer()).isTrue();
        assertThat(n.listing().images()).containsExactly("https://2sc2.autoimg.cn/kia1.jpg");
        assertThat(n.notes()).isEmpty();
        assertThat(n.toJson()).startsWith("{\"inner_id\":\"53692747\",\"mark\":\"Kia\",\"model\":\"K2\",\"year\":2013,"
                + "\"price\":7500,\"km_age\":110000,\"engine_type\":{\"code\":\"petrol\",\"source\":\"бензиновый\"}");
    }
}

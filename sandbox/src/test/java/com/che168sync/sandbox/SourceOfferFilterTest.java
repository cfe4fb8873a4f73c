package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceOfferFilterTest {
    private final Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(3_000).days(1).changesPerDay(10)
            .endDate(LocalDate.of(2026, 11, 23)).build());

    private List<JsonNode> pageThrough(SourceOfferFilter filter) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (long page = 1; ; page++) {
            JsonNode doc = ReferenceMirror.MAPPER.readTree(sandbox.offersPage(page, filter, Sandbox.MetaMode.NORMAL));
            doc.get("result").forEach(item -> all.add(item.get("data")));
            JsonNode next = doc.get("meta").get("next_page");
            if (next == null || next.isNull() || next.asLong() == 0) {
                return all;
            }
            assertThat(next.asLong()).isEqualTo(page + 1);
        }
    }

    @Test
    void textFiltersMatchCaseInsensitivelyAndPageThroughEveryMatch() throws Exception {
        List<JsonNode> bmw = pageThrough(SourceOfferFilter.of(Map.of("mark", "bmw")::get));
        long expected = sandbox.initialGroundTruth().filter(e -> e.dataJson().contains("\"mark\":\"BMW\"")).count();
        assertThat(bmw).hasSize((int) expected).isNotEmpty().allMatch(d -> d.get("mark").asText().equals("BMW"));
        List<JsonNode> white = pageThrough(SourceOfferFilter.of(Map.of("color", "БЕЛЫЙ", "body_type", "седан")::get));
        assertThat(white).isNotEmpty().allMatch(d -> d.get("color").asText().equalsIgnoreCase("белый")
                && d.get("body_type").asText().equalsIgnoreCase("Седан"));
    }

    @Test
    void rangesCompareNumbersWhetherSentAsNumbersOrStrings() throws Exception {
        List<JsonNode> recent = pageThrough(SourceOfferFilter.of(Map.of("year_from", "2023", "price_to", "100000")::get));
        assertThat(recent).isNotEmpty().allMatch(d -> Integer.parseInt(d.get("year").asText()) >= 2023
                && Double.parseDouble(d.get("price").asText()) <= 100_000);
        assertThat(recent).anyMatch(d -> d.get("year").isTextual()).anyMatch(d -> d.get("year").isNumber());
    }

    @Test
    void aRangeBoundThatIsNotANumberIsRefusedNamingIt() {
        assertThatThrownBy(() -> SourceOfferFilter.of(Map.of("km_age_from", "lots")::get))
                .hasMessage("km_age_from must be a number");
    }

    @Test
    void noMatchIsAnEmptyLastPage() throws Exception {
        assertThat(pageThrough(SourceOfferFilter.of(Map.of("mark", "Lada")::get))).isEmpty();
    }
}

package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListingGeneratorTest {
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 21);

    @Test
    void theSameSeedAndKeyGiveTheSameBytesAndAnotherSeedOtherData() {
        ListingGenerator a = new ListingGenerator(42, FIRST_DAY);
        ListingGenerator b = new ListingGenerator(42, FIRST_DAY);
        ListingGenerator c = new ListingGenerator(43, FIRST_DAY);
        for (long key = 0; key < 200; key++) {
            String id = Catalogue.innerIdOf(42, key);
            assertThat(SandboxJson.write(a.listing(key, id, null))).isEqualTo(SandboxJson.write(b.listing(key, id, null)));
            assertThat(SandboxJson.write(a.listing(key, id, null))).isNotEqualTo(SandboxJson.write(c.listing(key, id, null)));
        }
        SandboxOptions options = SandboxOptions.builder().listings(500).days(2).changesPerDay(300)
                .endDate(FIRST_DAY.plusDays(1)).build();
        Sandbox s1 = Sandbox.create(options);
        Sandbox s2 = Sandbox.create(options);
        for (long p = 1; p <= s1.pages(); p++) {
            assertThat(s1.offersPage(p, Sandbox.MetaMode.NORMAL)).isEqualTo(s2.offersPage(p, Sandbox.MetaMode.NORMAL));
        }
        long id = s1.calendar().days().get(0).firstChangeId();
        for (long c2 = id; c2 < s1.calendar().endOfFeedId(); c2 += 20) {
            assertThat(s1.changesPage(c2, Sandbox.MetaMode.NORMAL)).isEqualTo(s2.changesPage(c2, Sandbox.MetaMode.NORMAL));
        }
    }

    @Test
    void listingsLookLikeTheRealFeed() throws Exception {
        ListingGenerator g = new ListingGenerator(42, FIRST_DAY);
        List<JsonNode> listings = new ArrayList<>();
        long bytes = 0;
        for (long key = 0; key < 3_000; key++) {
            String json = SandboxJson.write(g.listing(key, Catalogue.innerIdOf(42, key), null));
            bytes += json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            listings.add(ReferenceMirror.MAPPER.readTree(json));
        }
        assertThat(bytes / 3_000).as("mean listing size in bytes").isBetween(3_000L, 5_500L);
        assertThat(listings).anyMatch(l -> l.get("year").isTextual()).anyMatch(l -> l.get("year").isNumber());
        assertThat(listings).anyMatch(l -> l.get("price").isTextual()).anyMatch(l -> l.get("price").isNumber());
        assertThat(listings).anyMatch(l -> l.get("images").isArray()).anyMatch(l -> l.get("images").isTextual());
        assertThat(listings).anyMatch(l -> l.get("is_dealer").isBoolean()).anyMatch(l -> l.get("is_dealer").isTextual());
        assertThat(listings).anyMatch(l -> l.get("mark").asText().matches(".*\\p{IsHan}.*"));
        assertThat(listings).anyMatch(l -> l.get("address").asText().matches(".*\\p{IsHan}.*"));
        assertThat(listings).anyMatch(l -> l.get("address").asText().matches(".*\\p{IsCyrillic}.*"));
        assertThat(listings).anyMatch(l -> l.get("model").asText().isEmpty());
        assertThat(listings).anyMatch(l -> l.get("color").asText().equals(l.get("color").asText().toLowerCase()))
                .anyMatch(l -> !l.get("color").asText().equals(l.get("color").asText().toLowerCase()));
        assertThat(listings).anyMatch(l -> l.get("km_age").asText().contains("万公里"));
        assertThat(listings).anyMatch(l -> l.get("price").asText().equals("面议"));
        assertThat(listings).anyMatch(l -> l.get("offer_created").asText().length() == 7);
        assertThat(listings).anyMatch(l -> l.get("description").asText().contains("\n"))
                .anyMatch(l -> l.get("description").asText().contains("|"));
        assertThat(listings).anyMatch(l -> l.path("configuration").isObject())
                .anyMatch(l -> l.path("configuration").isTextual());
        assertThat(listings).anyMatch(l -> l.path("extra").path("inspection").has("phone"));
        assertThat(listings).allMatch(l -> l.get("url").asText().endsWith("/" + l.get("inner_id").asText() + ".html"));
        for (JsonNode l : listings) {
            JsonNode conf = l.path("extra").path("configuration");
            if (conf.isMissingNode()) {
                continue;
            }
            assertThat(conf.get("specid").asText()).isEqualTo(l.get("specid").asText());
            List<String> groups = new ArrayList<>();
            conf.get("paramtypeitems").forEach(grp -> groups.add(grp.get("name").asText()));
            assertThat(groups).contains("基本参数", "变速箱");
            String energy = conf.get("paramtypeitems").get(0).get("paramitems").get(3).get("value").asText();
            if (energy.equals("纯电动")) {
                assertThat(groups).contains("电动机", "电池").doesNotContain("发动机");
            } else {
                assertThat(groups).contains("发动机");
            }
        }
        assertThat(listings).anyMatch(l -> l.path("extra").path("configuration").path("paramtypeitems").toString().contains("\"-\""));
    }

    @Test
    void everyEngineTypeLabelIsFromTheDocumentedFamily() {
        ListingGenerator g = new ListingGenerator(7, FIRST_DAY);
        for (long key = 0; key < 500; key++) {
            Map<String, Object> l = g.listing(key, Catalogue.innerIdOf(7, key), null);
            assertThat((String) l.get("engine_type")).isNotBlank();
            assertThat((String) l.get("section")).isEqualTo("б/у");
        }
    }
}

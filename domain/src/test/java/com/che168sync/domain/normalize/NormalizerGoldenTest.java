package com.che168sync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.domain.json.JsonValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every listing in the source fixtures, normalized, compared with expected values written out by hand. */
class NormalizerGoldenTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static final TechnicalSpecs BMW_SPECS = new TechnicalSpecs("57217", "宝马1系 2022款 125i M运动曜夜版",
            "华晨宝马", "紧凑型车", "汽油", "国VI", "2021.11", "B48A20F", "2.0T 192马力 L4", 1998, new BigDecimal("2.0"),
            "涡轮增压", 192, 141, 280, "7挡双离合", "双离合变速箱(DCT)", 7, "5门5座两厢车", 4461, 1800, 1452, 240,
            null, null, null, null, null);
    private static final List<String> BMW_IMAGES = List.of(
            "https://2sc2.autoimg.cn/escimg/auto/g31/M05/2A/1B/1024x768_c42_autohomecar__ChtlxGV1.jpg.webp",
            "https://2sc2.autoimg.cn/escimg/auto/g31/M06/2A/1B/1024x768_c42_autohomecar__ChtlxGV2.jpg.webp");
    private static final List<String> BMW_EQUIPMENT = List.of("倒车影像", "无钥匙进入", "真皮座椅", "胎压监测", "车道保持");

    private static NormalizedListing bmw(String innerId) {
        return new NormalizedListing(innerId, "https://www.che168.com/dealer/451591/" + innerId + ".html",
                "BMW", "1 Series", "125i", null, null, 2022, LocalDate.of(2022, 9, 1), 98000L, 0,
                new Coded("petrol", "Бензиновый"), new Coded("automatic", "автоматическая"),
                new Coded("hatchback", "седан/хэтчбек"), new Coded("fwd", "передний привод"),
                new Coded("white", "Белый"), new BigDecimal("2.0"), 1998, 192, 141,
                new Location("Шанхай", "上海", "上海", null), "dealer", true, "б/у", "451591",
                // NFKC turns the full-width commas into ASCII ones; the line break is kept
                "准新车,0过户,原版原漆,4S店保养记录齐全。\n支持全国上门验车 | 可分期", null,
                LocalDate.of(2025, 11, 3), false, BMW_IMAGES, BMW_SPECS, BMW_EQUIPMENT);
    }

    private static final NormalizedListing KIA = new NormalizedListing("53692747",
            "https://www.che168.com/dealer/527477/53692747.html", "Kia", "K2", null, null, null, 2013,
            LocalDate.of(2013, 5, 1), 8000L, 110000,
            new Coded("petrol", "бензиновый"), new Coded("manual", "механическая"), new Coded("sedan", "седан"),
            new Coded("fwd", "передний привод"), new Coded("white", "белый"), new BigDecimal("1.4"), 1396, 109, 80,
            new Location("Цзыбо", "淄博", "山东", null), "dealer", true, "б/у", "527477",
            "杜绝重大事故泡水火烧车,车况精品。", null, LocalDate.of(2025, 4, 29), false,
            List.of("https://2sc2.autoimg.cn/escimg/auto/g24/M01/1F/0A/1024x768_c42_autohomecar__kia1.jpg.webp"),
            new TechnicalSpecs(null, "Kia K2 2013 1.4L MT GLS", "Dongfeng Yueda Kia", "малолитражный", "бензин",
                    null, null, null, null, 1396, null, null, 109, null, null, null, "механическая (МКПП)", 5, null,
                    null, null, null, null, null, null, null, null, null),
            List.of());

    private static final NormalizedListing ZEEKR = new NormalizedListing("55651236",
            "https://www.che168.com/dealer/648815/55651236.html", "极氪", "001", "YOU版 100kWh", null, null, 2023,
            LocalDate.of(2023, 7, 1), 159800L, 32000,
            new Coded("electric", "Электрический (BEV)"), new Coded("automatic", "Автоматическая"),
            new Coded("suv", "Кроссовер/внедорожник"), new Coded("awd", "полный привод"),
            new Coded("dark_grey", "Темно-серый"), null, null,
            // no engine: power from the car's 400 kW (× 1.35962 = 543.8 Ps)
            544, 400,
            new Location("上海 闵行区", "上海", "上海", "闵行区"), "private", false, "б/у", null,
            "个人一手车,电池质保 8年16万公里", "L6T79ENE8PN000000", LocalDate.of(2025, 10, 1), true, List.of(),
            new TechnicalSpecs("64011", "极氪001 2023款 YOU版 100kWh 四驱", "极氪", "中大型车", "纯电动", null, null,
                    null, null, null, null, null, null, 400, null, "电动车单速变速箱", null, 1, null, null, null, null,
                    null, 400, "双电机", new BigDecimal("100"), 656, "CLTC"),
            List.of());

    private static Normalization normalize(Map<String, Object> data) {
        return Normalizer.normalize(data, TODAY);
    }

    @Test
    void bmwWithStringNumbersJsonEncodedImagesAndAutohomeConfiguration() {
        Normalization n = normalize(Fixtures.listing("source/offers-page-1.json", "50837332"));
        assertThat(n.listing()).isEqualTo(bmw("50837332"));
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void kiaWithJsonNumbersAndTheFlatRussianConfiguration() {
        Normalization n = normalize(Fixtures.listing("source/offers-page-1.json", "53692747"));
        assertThat(n.listing()).isEqualTo(KIA);
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void electricZeekrWithWanKilometresDecimalPriceAndMonthOnlyDate() {
        Normalization n = normalize(Fixtures.listing("source/offers-page-1.json", "55651236"));
        assertThat(n.listing()).isEqualTo(ZEEKR);
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void bareWrappedAndLastPageFixturesAreTheSameKia() {
        assertThat(normalize(Fixtures.json("source/offer-bare.json")).listing()).isEqualTo(KIA);
        assertThat(normalize(Fixtures.listing("source/offer-wrapped.json", "53692747")).listing()).isEqualTo(KIA);
        assertThat(normalize(Fixtures.listing("source/offers-last-page.json", "53692747")).listing()).isEqualTo(KIA);
    }

    @Test
    void addedEventOfTheChangeFeedIsAFullListing() {
        Normalization n = normalize(Fixtures.event(892145));
        assertThat(n.listing()).isEqualTo(bmw("56000001"));
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void partialListingOfAChangedEventForAnUnknownListingKeepsWhatItHas() {
        // what the mirror stores for a `changed` event of an unknown listing: the event's fields, new_ prefix removed
        Map<String, Object> data = new HashMap<>();
        Fixtures.event(892147).forEach((k, v) -> data.put(k.startsWith("new_") ? k.substring(4) : k, v));
        Normalization n = normalize(data);
        assertThat(n.listing().price()).isEqualTo(95000L);
        assertThat(n.listing().kmAge()).isEqualTo(1200);
        assertThat(n.listing().color()).isEqualTo(new Coded("black", "Черный"));
        assertThat(n.listing().innerId()).isNull();
        assertThat(n.listing().engineType()).isNull();
        assertThat(n.listing().images()).isEmpty();
        assertThat(n.notes()).isEmpty();

        assertThat(normalize(Map.of("price", 7500)).listing().price()).isEqualTo(7500L);
        assertThat(normalize(Map.of()).listing().mark()).isNull();
    }

    @Test
    void sellerContactDataIsNeverCopied() {
        Map<String, Object> bmw = Fixtures.listing("source/offers-page-1.json", "50837332");
        assertThat(Fixtures.text("source/offers-page-1.json")).contains("138****5521");
        String json = normalize(bmw).toJson();
        assertThat(json).doesNotContain("138****5521").doesNotContain("inspection").doesNotContain("phone");

        Map<String, Object> withPhones = new HashMap<>(bmw);
        withPhones.put("description", "诚信经营 联系电话 13812345678 或 0531-88889999，微信同号 138 1234 5678");
        NormalizedListing l = normalize(withPhones).listing();
        assertThat(l.description()).doesNotContain("13812345678").doesNotContain("88889999")
                .doesNotContain("1234 5678").contains("***");
    }

    @Test
    void toJsonIsValidJsonWithCodesSourcesNotesAndVersion() {
        Normalization n = normalize(Fixtures.listing("source/offers-page-1.json", "55651236"));
        Map<String, Object> back = JsonValues.parseObject(n.toJson());
        assertThat(back).containsEntry("engine_type", Map.of("code", "electric", "source", "Электрический (BEV)"))
                .containsEntry("km_age", 32000L)
                .containsEntry("price", 159800L)
                .containsEntry("offer_created", "2025-10-01")
                .containsEntry("offer_created_precision", "month")
                .containsEntry("city", "上海")
                .containsEntry("normalizer_version", (long) Normalizer.NORMALIZER_VERSION)
                .containsEntry("quality_notes", List.of());
        assertThat(back.get("specs")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("battery_kwh", 100L).containsEntry("range_km", 656L);
        assertThat(back).isEqualTo(JsonValues.parseObject(JsonValues.write(n.toMap())));
    }
}

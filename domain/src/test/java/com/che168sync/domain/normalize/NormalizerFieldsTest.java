package com.che168sync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.domain.normalize.QualityNote.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Field rules one by one: the shapes the source uses for each value. */
class NormalizerFieldsTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    private static Normalization normalize(Object... keyValues) {
        Map<String, Object> data = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Normalizer.normalize(data, TODAY);
    }

    @ParameterizedTest(name = "km_age {0} → {1}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "8000; 8000", "'98000'; 98000", "'159800.00'; 159800", "'3.2万公里'; 32000", "'3.2 万公里'; 32000",
            "'12万'; 120000", "'110000 km'; 110000", "'1,200'; 1200", "'1 200 000'; 1200000", "'0'; 0",
            "'-'; NULL", "''; NULL", "'暂无'; NULL", "'  '; NULL", "'１２３'; 123", "'12.5'; 13"})
    void mileageInEveryShape(String raw, Integer expected) {
        Object value = raw.matches("\\d+") && !raw.startsWith("0") && raw.length() < 6 ? Integer.valueOf(raw) : raw;
        Normalization n = normalize("km_age", value);
        assertThat(n.listing().kmAge()).isEqualTo(expected);
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void priceInCnyFromNumbersStringsAndWan() {
        assertThat(normalize("price", 8000).listing().price()).isEqualTo(8000L);
        assertThat(normalize("price", 8000.0).listing().price()).isEqualTo(8000L);
        assertThat(normalize("price", "98000").listing().price()).isEqualTo(98000L);
        assertThat(normalize("price", "159800.00").listing().price()).isEqualTo(159800L);
        assertThat(normalize("price", "15.98万").listing().price()).isEqualTo(159800L);
        assertThat(normalize("price", "15.98万元").listing().price()).isEqualTo(159800L);
        assertThat(normalize("price", "¥98,000").listing().price()).isEqualTo(98000L);
    }

    @Test
    void unparseableNumbersBecomeNullWithANote() {
        Normalization n = normalize("price", "面议", "year", "two thousand", "km_age", List.of(1), "power", true);
        assertThat(n.listing().price()).isNull();
        assertThat(n.listing().year()).isNull();
        assertThat(n.listing().kmAge()).isNull();
        assertThat(n.listing().power()).isNull();
        assertThat(n.notes()).extracting(QualityNote::field, QualityNote::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("price", Kind.UNPARSEABLE),
                org.assertj.core.groups.Tuple.tuple("year", Kind.UNPARSEABLE),
                org.assertj.core.groups.Tuple.tuple("km_age", Kind.UNPARSEABLE),
                org.assertj.core.groups.Tuple.tuple("power", Kind.UNPARSEABLE));
    }

    @ParameterizedTest(name = "{0} = {1} is out of range")
    @CsvSource({"year, 1899", "year, 2028", "year, 20222", "price, 0", "price, 50", "price, 999999999",
            "km_age, -5", "km_age, 9000000", "power, 0", "power, 99999", "displacement, 0", "displacement, 66",
            "displacement, 1998"})
    void valuesOutsideSaneRangesBecomeNullWithANote(String field, String value) {
        Normalization n = normalize(field, value);
        Map<String, Object> map = n.toMap();
        assertThat(map.get(field)).isNull();
        assertThat(n.notes()).containsExactly(new QualityNote(field, Kind.OUT_OF_RANGE, value));
    }

    @Test
    void yearAcceptsNextYearAsOfToday() {
        assertThat(normalize("year", "2027").listing().year()).isEqualTo(2027);
        assertThat(normalize("year", 2013).listing().year()).isEqualTo(2013);
        assertThat(normalize("year", "2022款").listing().year()).isEqualTo(2022);
    }

    @Test
    void displacementInLitresFromTheFieldOrTheConfigurationAndExactCcFromTheConfiguration() {
        assertThat(normalize("displacement", 1.4).listing().displacement()).isEqualTo(new BigDecimal("1.4"));
        assertThat(normalize("displacement", "2.0").listing().displacement()).isEqualTo(new BigDecimal("2.0"));
        assertThat(normalize("displacement", 2).listing().displacement()).isEqualTo(new BigDecimal("2.0"));
        assertThat(normalize("displacement", "1.5T").listing().displacement()).isEqualTo(new BigDecimal("1.5"));
        assertThat(normalize("displacement", "1.498").listing().displacement()).isEqualTo(new BigDecimal("1.50"));
        // no displacement field: litres from 排量(mL), rounded to one decimal
        Normalization fromCc = normalize("configuration", Map.of("Рабочий объем (мл)", "1396"));
        assertThat(fromCc.listing().displacement()).isEqualTo(new BigDecimal("1.4"));
        assertThat(fromCc.listing().displacementCc()).isEqualTo(1396);
        // an electric car's 0 litres is "no engine", not an error
        Normalization ev = normalize("engine_type", "Электрический (BEV)", "displacement", 0);
        assertThat(ev.listing().displacement()).isNull();
        assertThat(ev.notes()).isEmpty();
    }

    @Test
    void powerInPsAndKwAreKeptApart() {
        Normalization both = normalize("power", "192", "ice_power_ps", "192", "ice_power_kw", "141");
        assertThat(both.listing().power()).isEqualTo(192);
        assertThat(both.listing().powerKw()).isEqualTo(141);
        Normalization kwOnly = normalize("power", "", "ice_power_kw", "100");
        assertThat(kwOnly.listing().power()).isEqualTo(136);
        assertThat(kwOnly.listing().powerKw()).isEqualTo(100);
        Normalization psOnly = normalize("ice_power_ps", 150);
        assertThat(psOnly.listing().power()).isEqualTo(150);
        assertThat(psOnly.listing().powerKw()).isEqualTo(110);
        assertThat(normalize("power", "192马力").listing().power()).isEqualTo(192);
    }

    @Test
    void imagesAsArrayOrJsonEncodedString() {
        String a = "https://2sc2.autoimg.cn/a.jpg";
        String b = "https://2sc2.autoimg.cn/b.jpg";
        assertThat(normalize("images", List.of(a, b)).listing().images()).containsExactly(a, b);
        assertThat(normalize("images", "[\"" + a + "\", \"" + b + "\"]").listing().images()).containsExactly(a, b);
        assertThat(normalize("images", "[\"https:\\/\\/2sc2.autoimg.cn\\/a.jpg\"]").listing().images())
                .containsExactly(a);
        assertThat(normalize("images", "[]").listing().images()).isEmpty();
        assertThat(normalize("images", "").listing().images()).isEmpty();
        assertThat(normalize("images", a).listing().images()).containsExactly(a);
        assertThat(normalize("images", "//2sc2.autoimg.cn/a.jpg").listing().images()).containsExactly(a);
        assertThat(normalize("images", List.of(a, a, "", "-")).listing().images()).containsExactly(a);
        Normalization broken = normalize("images", "[\"" + a + "\", ");
        assertThat(broken.listing().images()).isEmpty();
        assertThat(broken.notes()).extracting(QualityNote::field).containsExactly("images");
        assertThat(normalize("images", List.of("javascript:alert(1)", a)).listing().images()).containsExactly(a);
    }

    @ParameterizedTest(name = "is_dealer {0} → {1}")
    @CsvSource(nullValues = "NULL", value = {"true, true", "'true', true", "'TRUE', true", "'1', true",
            "'false', false", "'False', false", "'0', false", "'', NULL", "'-', NULL"})
    void isDealerAsBooleanOrString(String raw, Boolean expected) {
        Object value = "true".equals(raw) ? Boolean.TRUE : raw;
        assertThat(normalize("is_dealer", value).listing().isDealer()).isEqualTo(expected);
    }

    @Test
    void sellerTypeAndIsDealerCompleteEachOther() {
        assertThat(normalize("is_dealer", false).listing().sellerType()).isEqualTo("private");
        assertThat(normalize("seller_type", "dealer").listing().isDealer()).isTrue();
        assertThat(normalize("seller_type", "Частное лицо").listing().sellerType()).isEqualTo("private");
        Normalization odd = normalize("seller_type", "broker");
        assertThat(odd.listing().sellerType()).isNull();
        assertThat(odd.notes()).containsExactly(new QualityNote("seller_type", Kind.UNMAPPED, "broker"));
    }

    @Test
    void datesWithDayOrMonthOnly() {
        NormalizedListing l = normalize("offer_created", "2025-04-29", "first_registration", "2022-09").listing();
        assertThat(l.offerCreated()).isEqualTo(LocalDate.of(2025, 4, 29));
        assertThat(l.offerCreatedMonthOnly()).isFalse();
        assertThat(l.firstRegistration()).isEqualTo(LocalDate.of(2022, 9, 1));
        NormalizedListing month = normalize("offer_created", "2025-04").listing();
        assertThat(month.offerCreated()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(month.offerCreatedMonthOnly()).isTrue();
        assertThat(normalize("offer_created", "2025年4月").listing().offerCreated()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(normalize("offer_created", "2025-04-29 10:11:12").listing().offerCreated())
                .isEqualTo(LocalDate.of(2025, 4, 29));
        Normalization bad = normalize("offer_created", "2025-13-45", "first_registration", "soon");
        assertThat(bad.listing().offerCreated()).isNull();
        assertThat(bad.listing().firstRegistration()).isNull();
        assertThat(bad.notes()).hasSize(2).allMatch(n -> n.kind() == Kind.UNPARSEABLE);
        assertThat(normalize("first_registration", "1890-01").notes())
                .containsExactly(new QualityNote("first_registration", Kind.OUT_OF_RANGE, "1890-01"));
    }

    @Test
    void textIsNfkcTrimmedAndPlaceholdersAreNull() {
        NormalizedListing l = normalize("mark", "  ＢＭＷ\u3000", "model", "", "configuration", "暂无",
                "section", "-", "vin", "—", "salon_id", "\uFFFD527477", "title", "N/A").listing();
        assertThat(l.mark()).isEqualTo("BMW");
        assertThat(l.model()).isNull();
        assertThat(l.configuration()).isNull();
        assertThat(l.section()).isNull();
        assertThat(l.vin()).isNull();
        assertThat(l.salonId()).isEqualTo("527477");
        assertThat(l.title()).isNull();
        assertThat(normalize("vin", "lsvaa4182e2123456").listing().vin()).isEqualTo("LSVAA4182E2123456");
        assertThat(normalize("vin", "not a vin").notes()).extracting(QualityNote::field).containsExactly("vin");
    }

    @ParameterizedTest(name = "{0}: {1} → {2}")
    @CsvSource({
            "engine_type, Бензиновый, petrol", "engine_type, бензиновый, petrol", "engine_type, БЕНЗИНОВЫЙ, petrol",
            "engine_type, Gasoline, petrol", "engine_type, 汽油, petrol", "engine_type, Дизельный, diesel",
            "engine_type, Подключаемый гибрид (PHEV), plug_in_hybrid", "engine_type, подключаемый гибрид(phev), plug_in_hybrid",
            "engine_type, 增程, range_extender", "engine_type, Расширитель диапазона (REEV), range_extender",
            "engine_type, Бензиновый + 48V mild hybrid, mild_hybrid", "engine_type, Электрический (BEV), electric",
            "engine_type, Гибридный (HEV), hybrid", "engine_type, 纯电动, electric", "engine_type, 插电式混合动力, plug_in_hybrid",
            "engine_type, 甲醇混动, methanol_hybrid",
            "transmission_type, автоматическая, automatic", "transmission_type, Механическая, manual",
            "transmission_type, МЕХАНИЧЕСКАЯ, manual", "transmission_type, Manual, manual", "transmission_type, 手动, manual",
            "transmission_type, 7挡双离合, dct", "transmission_type, CVT无级变速(模拟5挡), cvt",
            "transmission_type, 8挡手自一体, automatic", "transmission_type, 电动车单速变速箱, single_speed",
            "drive_type, передний привод, fwd", "drive_type, Полный привод, awd", "drive_type, задний привод, rwd",
            "drive_type, 前置四驱, awd", "drive_type, AWD, awd", "drive_type, 前置前驱, fwd",
            "body_type, седан, sedan", "body_type, Кроссовер/внедорожник, suv", "body_type, Пикап, pickup",
            "body_type, Минивэн, minivan", "body_type, SUV, suv", "body_type, 两厢车, hatchback",
            "color, белый, white", "color, Черный, black", "color, ЧЁРНЫЙ, black", "color, Шампань, champagne",
            "color, 白色, white", "color, Silver, silver", "color, Темно-серый, dark_grey"})
    void labelsInAnyLanguageAndCaseMapToStableCodes(String field, String label, String code) {
        Normalization n = normalize(field, label);
        assertThat(n.toMap().get(field)).isEqualTo(Map.of("code", code, "source", label));
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void anUnknownLabelIsNeverMappedToADefault() {
        Normalization n = normalize("engine_type", "Паровой", "color", "цвет морской волны");
        assertThat(n.listing().engineType()).isEqualTo(new Coded("unknown", "Паровой"));
        assertThat(n.listing().color()).isEqualTo(new Coded("unknown", "цвет морской волны"));
        assertThat(n.unmapped()).containsExactly(new QualityNote("engine_type", Kind.UNMAPPED, "Паровой"),
                new QualityNote("color", Kind.UNMAPPED, "цвет морской волны"));
        assertThatThrownBy(() -> new Coded("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sedanHatchbackIsRefinedByTheBodyStructure() {
        Map<String, Object> extra = Map.of("configuration", Map.of("paramtypeitems", List.of(Map.of("name", "基本参数",
                "paramitems", List.of(Map.of("name", "车身结构", "value", "4门5座三厢车"))))));
        assertThat(normalize("body_type", "седан/хэтчбек", "extra", extra).listing().bodyType())
                .isEqualTo(new Coded("sedan", "седан/хэтчбек"));
        assertThat(normalize("body_type", "седан/хэтчбек").listing().bodyType())
                .isEqualTo(new Coded("sedan_hatchback", "седан/хэтчбек"));
        // no body_type at all: the structure itself is the label
        assertThat(normalize("extra", extra).listing().bodyType()).isEqualTo(new Coded("sedan", "4门5座三厢车"));
    }

    @ParameterizedTest(name = "{0} → {1} / {2} / {3}")
    @CsvSource(nullValues = "NULL", value = {
            "'济南, 莱芜', 济南, 山东, 莱芜", "'上海 闵行区', 上海, 上海, 闵行区", "Цзыбо, 淄博, 山东, NULL",
            "Шанхай, 上海, 上海, NULL", "'鸡西, ', 鸡西, 黑龙江, NULL", "上海, 上海, 上海, NULL",
            "'山东 淄博', 淄博, 山东, NULL", "山东省淄博市张店区, 淄博, 山东, 张店区", "深圳市, 深圳, 广东, NULL",
            "'  Цзыбо ', 淄博, 山东, NULL", "ЦЗЫБО, 淄博, 山东, NULL", "'Zibo', 淄博, 山东, NULL",
            "'延边, 延吉', 延边, 吉林, 延吉", "吉林, 吉林, 吉林, NULL"})
    void cityAndProvinceFromTheAddress(String address, String city, String province, String district) {
        Normalization n = normalize("address", address);
        assertThat(n.listing().location()).isEqualTo(new Location(address.strip(), city, province, district));
        assertThat(n.notes()).isEmpty();
    }

    @Test
    void anUnknownTransliteratedCityIsKeptAndReported() {
        Normalization n = normalize("address", "Нижний Тагил");
        assertThat(n.listing().location().city()).isEqualTo("Нижний Тагил");
        assertThat(n.unmapped()).containsExactly(new QualityNote("city", Kind.UNMAPPED, "Нижний Тагил"));
    }

    @Test
    void configurationParametersAreMatchedByNameNotPosition() {
        List<Object> groups = List.of(
                Map.of("name", "变速箱", "paramitems", List.of(Map.of("name", "挡位个数", "value", "8"),
                        Map.of("name", "简称", "value", "8挡手自一体"))),
                Map.of("name", "发动机", "paramitems", List.of(Map.of("id", 1, "name", "最大功率（kW）", "value", "165"),
                        Map.of("id", 93, "name", "排量（mL）", "value", "1984"),
                        Map.of("name", "最大马力(Ps)", "value", "-"))),
                Map.of("name", "基本参数", "paramitems", List.of(Map.of("name", "能源类型", "value", "汽油+48V轻混系统"),
                        Map.of("name", "长*宽*高(mm)", "value", "5283*未知*1977"))));
        Normalization n = normalize("extra", Map.of("configuration", Map.of("specid", 57217, "paramtypeitems", groups)));
        TechnicalSpecs s = n.listing().specs();
        assertThat(s.specid()).isEqualTo("57217");
        assertThat(s.gears()).isEqualTo(8);
        assertThat(s.transmissionDetail()).isEqualTo("8挡手自一体");
        assertThat(s.maxPowerKw()).isEqualTo(165);
        assertThat(s.displacementCc()).isEqualTo(1984);
        assertThat(s.maxHorsepower()).isNull();
        assertThat(s.lengthMm()).isEqualTo(5283);
        assertThat(s.widthMm()).isNull();
        assertThat(s.heightMm()).isEqualTo(1977);
        assertThat(n.listing().engineType()).isEqualTo(new Coded("mild_hybrid", "汽油+48V轻混系统"));
        assertThat(n.listing().transmissionType()).isEqualTo(new Coded("automatic", "8挡手自一体"));
        assertThat(n.listing().displacement()).isEqualTo(new BigDecimal("2.0"));
        assertThat(n.listing().power()).isEqualTo(224);
        assertThat(n.notes()).isEmpty(); // 未知 ("unknown") is a placeholder, not an error
    }

    @Test
    void equipmentNamesFromDisplayAndMoreOptionsWithoutDuplicates() {
        Map<String, Object> option = Map.of(
                "displayopts", List.of(Map.of("optionname", "倒车影像"), Map.of("optionname", "-"), "junk"),
                "moreoptions", List.of(Map.of("name", "安全配置", "opts",
                        List.of(Map.of("optionname", "倒车影像"), Map.of("optionname", "胎压监测")))));
        assertThat(normalize("extra", Map.of("option", option)).listing().equipment())
                .containsExactly("倒车影像", "胎压监测");
    }

    @Test
    void normalizerVersionIsPositive() {
        assertThat(Normalizer.NORMALIZER_VERSION).isPositive();
        assertThat(normalize().toMap()).containsEntry("normalizer_version", Normalizer.NORMALIZER_VERSION);
        assertThatThrownBy(() -> Normalizer.normalize(Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.che168sync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.che168sync.domain.json.JsonValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Property-style tests: random and malicious values in every field never make the normalizer throw. */
class NormalizerRobustnessTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final List<String> FIELDS = List.of("inner_id", "url", "mark", "model", "configuration",
            "complectation", "title", "year", "first_registration", "price", "km_age", "engine_type",
            "transmission_type", "drive_type", "body_type", "color", "displacement", "power", "ice_power_ps",
            "ice_power_kw", "specid", "address", "seller_type", "is_dealer", "section", "salon_id", "description",
            "offer_created", "vin", "images", "extra");
    private static final List<Object> NASTY = List.of("", " ", "-", "\u0000", "\uFFFD", "\uD800", "\uDC00x",
            "1e999999999", "-0", "NaN", "Infinity", "99999999999999999999999999", "0.0000000000000000000001",
            "3.2万万公里", "万", ".5", "1..2", "[", "[\"a\"", "[1,2]", "[\"http://x\\u0000\"]", "{\"a\":1}",
            "'; DROP TABLE processed_data; --", "<script>alert(1)</script>", "9".repeat(10_000),
            "汽油".repeat(5_000), ",,,", "，", "上海".repeat(100), "2025-02-30", "0000-00", "9999-99-99",
            Double.NaN, Double.POSITIVE_INFINITY, -1e308, Long.MIN_VALUE, Long.MAX_VALUE,
            new BigDecimal("1E+999999999"), new BigDecimal("1E-999999999"), BigInteger.TEN.pow(1000),
            true, false, List.of(), Map.of(), List.of(List.of(List.of())), Map.of("x", Map.of("y", List.of())));

    @Test
    void nastyValuesInEveryFieldNeverThrow() {
        for (String field : FIELDS) {
            for (Object value : NASTY) {
                Map<String, Object> data = new HashMap<>();
                data.put(field, value);
                assertThatCode(() -> roundTrip(data)).as(field + " = " + abbreviate(value)).doesNotThrowAnyException();
            }
        }
    }

    @RepeatedTest(20)
    void randomListingsNeverThrowAndAlwaysGiveValidJson() {
        Random random = new Random(System.nanoTime());
        for (int i = 0; i < 200; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (String field : FIELDS) {
                if (random.nextInt(3) > 0) {
                    data.put(field, randomValue(random, 0));
                }
            }
            data.put("extra", randomExtra(random));
            if (random.nextBoolean()) {
                Map<String, Object> flat = new HashMap<>();
                flat.put("Рабочий объем (мл)", randomValue(random, 2));
                flat.put("Тип привода", randomValue(random, 2));
                data.put("configuration", flat);
            }
            long seedForReport = i;
            assertThatCode(() -> roundTrip(data)).as("listing %d: %s", seedForReport, abbreviate(data))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void deeplyNestedValuesDoNotOverflowTheStack() {
        Object deep = "x";
        for (int i = 0; i < 100_000; i++) {
            deep = List.of(deep);
        }
        Map<String, Object> data = Map.of("images", deep, "extra", Map.of("option", Map.of("displayopts", deep)));
        assertThatCode(() -> roundTrip(data)).doesNotThrowAnyException();
    }

    private static void roundTrip(Map<String, Object> data) {
        Normalization n = Normalizer.normalize(data, TODAY);
        String json = n.toJson();
        assertThat(json).doesNotContain("\u0000"); // a NUL character; PostgreSQL refuses it in jsonb
        assertThat(JsonValues.parse(json)).isInstanceOf(Map.class);
        assertThat(n.notes()).hasSizeLessThanOrEqualTo(100);
    }

    private static Object randomValue(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 6 : 9)) {
            case 0 -> null;
            case 1 -> r.nextLong();
            case 2 -> r.nextDouble() * Math.pow(10, r.nextInt(30) - 10);
            case 3 -> randomString(r);
            case 4 -> NASTY.get(r.nextInt(NASTY.size()));
            case 5 -> r.nextBoolean();
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new HashMap<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    map.put(randomString(r), randomValue(r, depth + 1));
                }
                yield map;
            }
        };
    }

    private static Object randomExtra(Random r) {
        List<Object> groups = new ArrayList<>();
        String[] groupNames = {"基本参数", "发动机", "变速箱", "电动机", "电池", randomString(r)};
        String[] names = {"车型名称", "排量(mL)", "排量(L)", "最大马力(Ps)", "最大功率(kW)", "挡位个数", "长*宽*高(mm)",
                "电池能量(kWh)", "CLTC纯电续航里程(km)", "车身结构", "发动机", randomString(r)};
        for (int g = r.nextInt(5); g > 0; g--) {
            List<Object> items = new ArrayList<>();
            for (int i = r.nextInt(6); i > 0; i--) {
                Map<String, Object> item = new HashMap<>();
                item.put("name", r.nextInt(10) == 0 ? randomValue(r, 2) : names[r.nextInt(names.length)]);
                item.put("value", r.nextInt(3) == 0 ? randomString(r) : randomValue(r, 2));
                items.add(r.nextInt(20) == 0 ? randomValue(r, 2) : item);
            }
            Map<String, Object> group = new HashMap<>();
            group.put("name", groupNames[r.nextInt(groupNames.length)]);
            group.put("paramitems", r.nextInt(10) == 0 ? randomValue(r, 2) : items);
            groups.add(group);
        }
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("specid", randomValue(r, 2));
        configuration.put("paramtypeitems", groups);
        Map<String, Object> extra = new HashMap<>();
        extra.put("configuration", r.nextInt(10) == 0 ? randomValue(r, 2) : configuration);
        extra.put("option", r.nextBoolean() ? randomValue(r, 1)
                : Map.of("displayopts", List.of(Map.of("optionname", randomString(r)))));
        extra.put("inspection", Map.of("phone", "13812345678"));
        return extra;
    }

    private static String randomString(Random r) {
        StringBuilder s = new StringBuilder();
        String alphabet = "0123456789.,-万公里km元 汽油бензинABC\u3000\uFF10\uFFFD\n\t\"\\/[]{}年月日:T+";
        for (int i = r.nextInt(20); i > 0; i--) {
            if (r.nextInt(30) == 0) {
                s.append((char) r.nextInt(0x10000));
            } else {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return s.toString();
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}

package com.che168sync.domain.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void parsesObjectsArraysNumbersStringsAndLiterals() {
        Object v = JsonValues.parse(" {\"a\": [1, -2, 3.50, 1e3, 12345678901234567890], \"b\": \"x\\n\\u00e9\\\"\","
                + " \"c\": true, \"d\": false, \"e\": null, \"f\": {}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("a", List.of(1L, -2L, new BigDecimal("3.50"), new BigDecimal("1e3"),
                new BigDecimal("12345678901234567890")));
        expected.put("b", "x\né\"");
        expected.put("c", true);
        expected.put("d", false);
        expected.put("e", null);
        expected.put("f", Map.of());
        assertThat(v).isEqualTo(expected);
        assertThat(List.copyOf(((Map<?, ?>) v).keySet())).isEqualTo(List.of("a", "b", "c", "d", "e", "f"));
    }

    @Test
    void invalidTextIsRefusedWithTheOffset() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\" 1}", "tru", "\"abc", "[1] x", "{\"a\":\"\u0001\"}", "-",
                "\"\\x\"", "\"\\u12\"")) {
            assertThatThrownBy(() -> JsonValues.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JSON");
        }
        assertThatThrownBy(() -> JsonValues.parseObject("[]")).isInstanceOf(IllegalArgumentException.class);
        char[] deep = new char[10_000];
        Arrays.fill(deep, '[');
        assertThatThrownBy(() -> JsonValues.parse(new String(deep))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void stringArraysForTheImagesQuirk() {
        assertThat(JsonValues.parseStringArray("[\"a\", null, \"b\"]")).containsExactly("a", "b");
        assertThat(JsonValues.parseStringArray("[]")).isEmpty();
        assertThat(JsonValues.parseStringArray("[1]")).isNull();
        assertThat(JsonValues.parseStringArray("[\"a\"")).isNull();
        assertThat(JsonValues.parseStringArray("{}")).isNull();
    }

    @Test
    void writesWhatItReadsAndNeverANulCharacter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\t\u0001\u0000😀\uD800");
        m.put("n", List.of(1, 2L, new BigDecimal("2.50"), 1.5, Double.NaN));
        m.put("d", LocalDate.of(2025, 4, 1));
        m.put("z", null);
        String json = JsonValues.write(m);
        assertThat(json).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001😀\\ufffd\",\"n\":[1,2,2.50,1.5,null],"
                + "\"d\":\"2025-04-01\",\"z\":null}");
        assertThat(JsonValues.parse(json)).isInstanceOf(Map.class);
    }
}

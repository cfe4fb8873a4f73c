package com.che168sync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every distinct label of the coded fields in the source's /filters and in the real value samples
 * (shared/fixtures/che168-value-samples.json) maps to a code, and every address of the samples gives a city with
 * its province. A label that does not map must at least be reported as unmapped, never silently defaulted.
 */
class DictionaryCoverageTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> samples() {
        return (Map<String, Object>) Fixtures.json("che168-value-samples.json").get("values");
    }

    @SuppressWarnings("unchecked")
    private static List<String> sampleLabels(String key) {
        return new ArrayList<>(((Map<String, Object>) samples().get(key)).keySet());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFilterValueOfTheSourceMapsToACodeInAnyCase() {
        Map<String, Object> filters = Fixtures.json("source/filters.json");
        Map<CodeField, String> keys = Map.of(CodeField.ENGINE_TYPE, "engine_type",
                CodeField.TRANSMISSION_TYPE, "transmission_type", CodeField.BODY_TYPE, "body_type",
                CodeField.COLOR, "color");
        List<String> unmapped = new ArrayList<>();
        keys.forEach((field, key) -> {
            for (String label : (List<String>) filters.get(key)) {
                for (String variant : List.of(label, label.toLowerCase(Locale.ROOT), label.toUpperCase(Locale.ROOT),
                        " " + label + " ")) {
                    if (CodeDictionary.of(field).lookup(variant).isEmpty()) {
                        unmapped.add(field + ": " + variant);
                    }
                }
            }
        });
        assertThat(unmapped).isEmpty();
    }

    @Test
    void engineTypeSamplesMapToCodes() {
        for (String key : List.of("engine_type", "configuration.20.value", "configuration.90.value")) {
            for (String label : sampleLabels(key)) {
                assertThat(CodeDictionary.of(CodeField.ENGINE_TYPE).lookup(label)).as(key + " " + label).isPresent();
            }
        }
    }

    @Test
    void bodyStructureSamplesGiveABodyType() {
        for (String structure : sampleLabels("param id 115 (变速箱)")) {
            Map<String, Object> extra = Map.of("configuration", Map.of("paramtypeitems", List.of(Map.of("name",
                    "基本参数", "paramitems", List.of(Map.of("id", 115, "name", "车身结构", "value", structure))))));
            Normalization n = Normalizer.normalize(Map.of("extra", extra), TODAY);
            assertThat(n.listing().bodyType()).as(structure).isNotNull();
            assertThat(n.listing().bodyType().unmapped()).as(structure).isFalse();
        }
    }

    @Test
    void gearboxSamplesGiveATransmission() {
        for (String gearbox : sampleLabels("configuration.108.value")) {
            assertThat(CodeDictionary.of(CodeField.TRANSMISSION_TYPE).lookup(gearbox)).as(gearbox).isPresent();
        }
    }

    @Test
    void everySampleAddressGivesACityAndItsProvince() {
        List<String> missing = new ArrayList<>();
        for (String address : sampleLabels("address")) {
            Location l = Normalizer.normalize(Map.of("address", address), TODAY).listing().location();
            if (l.city() == null || l.province() == null || !address.startsWith(l.city())) {
                missing.add(address + " → " + l);
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void anyOtherLabelIsReportedAsUnmappedWithItsText() {
        for (CodeField field : CodeField.values()) {
            Normalization n = Normalizer.normalize(Map.of(field.fieldName(), "zzz-невиданное-未见"), TODAY);
            assertThat(n.unmapped()).extracting(QualityNote::field).containsExactly(field.fieldName());
            assertThat(n.toMap().get(field.fieldName()))
                    .isEqualTo(Map.of("code", "unknown", "source", "zzz-невиданное-未见"));
        }
    }

    @Test
    void everyDictionaryCodeIsASnakeCaseWord() {
        for (CodeField field : CodeField.values()) {
            assertThat(CodeDictionary.of(field).codes()).isNotEmpty()
                    .allMatch(code -> code.matches("[a-z][a-z_]*") && !code.equals(Coded.UNKNOWN));
        }
    }
}

package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.domain.json.JsonValues;
import com.che168sync.domain.normalize.Coded;
import com.che168sync.domain.normalize.NormalizedListing;
import com.che168sync.domain.normalize.Normalization;
import com.che168sync.domain.normalize.Normalizer;
import com.che168sync.domain.normalize.QualityNote;
import com.che168sync.sandbox.GroundTruthEntry;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxOptions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 600 listings of the sandbox (the source's fake, with its real-world label variety and quirks) normalize without
 * an unmapped label, with numbers equal to the raw values and without the seller's phone.
 */
class SandboxListingsNormalizeTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void sandboxListingsNormalizeToTheirTypedValues() {
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(600).days(1).changesPerDay(10).seed(7)
                .build());
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (GroundTruthEntry entry : sandbox.initialGroundTruth().toList()) {
            Map<String, Object> raw = JsonValues.parseObject(entry.dataJson());
            Normalization n = Normalizer.normalize(raw, TODAY);
            NormalizedListing l = n.listing();
            checked++;
            for (QualityNote note : n.unmapped()) {
                problems.add(entry.innerId() + " unmapped " + note.field() + ": " + note.value());
            }
            if (!entry.innerId().equals(l.innerId())) {
                problems.add(entry.innerId() + " inner_id " + l.innerId());
            }
            expectNumber(problems, entry.innerId(), "price", raw.get("price"), l.price(), 100, 100_000_000);
            expectNumber(problems, entry.innerId(), "year", raw.get("year"), l.year(), 1950, TODAY.getYear() + 1);
            for (Coded c : new Coded[] {l.engineType(), l.transmissionType(), l.driveType(), l.bodyType(), l.color()}) {
                if (c == null) {
                    problems.add(entry.innerId() + " a coded field is missing: " + l);
                }
            }
            if (l.mark() == null || l.location().city() == null) {
                problems.add(entry.innerId() + " mark/city missing: " + l.mark() + " / " + l.location());
            }
            if (n.toJson().matches("(?s).*1[3-9]\\d{9}.*")) {
                problems.add(entry.innerId() + " a phone number reached normalized_data");
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(300);
        assertThat(problems).isEmpty();
    }

    /**
     * Numbers the sandbox writes as plain digits (number or string) come out unchanged when in the sane range, and
     * as null (with a quality note) when not — the sandbox deliberately sends a few like year {@code 0}.
     */
    private static void expectNumber(List<String> problems, String id, String field, Object raw, Number actual,
                                     long min, long max) {
        String text = raw == null ? null : raw.toString().strip();
        if (text == null || !text.matches("\\d+(\\.0+)?")) {
            return; // 万, placeholders and the like are covered by the domain's own tests
        }
        long value = new BigDecimal(text).longValueExact();
        Long expected = value < min || value > max ? null : value;
        if (expected == null ? actual != null : actual == null || actual.longValue() != expected) {
            problems.add(id + " " + field + " " + raw + " -> " + actual);
        }
    }
}

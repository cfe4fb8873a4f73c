package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void timestampsWithZOrAnOffsetBecomeUtcInstants() {
        assertThat(JsonValues.timestamp("2025-01-15T10:30:00Z")).isEqualTo(Instant.parse("2025-01-15T10:30:00Z"));
        assertThat(JsonValues.timestamp("2025-04-30T14:28:11.560+03:00")).isEqualTo(Instant.parse("2025-04-30T11:28:11.560Z"));
        assertThat(JsonValues.timestamp("2025-04-30T14:28:11+0300")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
        assertThat(JsonValues.timestamp("2025-04-30 14:28:11+03")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
        assertThat(JsonValues.timestamp("2025-04-30t14:28:11.5z")).isEqualTo(Instant.parse("2025-04-30T14:28:11.500Z"));
    }

    @Test
    void timestampWithoutOffsetIsReadInMoscowTime() {
        assertThat(JsonValues.timestamp("2025-04-30 14:28:11")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
    }

    @Test
    void unreadableTimestampsAreNull() {
        assertThat(JsonValues.timestamp(null)).isNull();
        assertThat(JsonValues.timestamp(" ")).isNull();
        assertThat(JsonValues.timestamp("2025-04-29")).isNull();
        assertThat(JsonValues.timestamp("yesterday")).isNull();
    }

    @Test
    void idsFromNumbersOrStrings() {
        assertThat(JsonValues.longValue((Object) "892145")).isEqualTo(892145L);
        assertThat(JsonValues.longValue((Object) " 7 ")).isEqualTo(7L);
        assertThat(JsonValues.longValue((Object) 7)).isEqualTo(7L);
        assertThat(JsonValues.longValue((Object) new BigDecimal("7.0"))).isEqualTo(7L);
        assertThat(JsonValues.longValue((Object) new BigDecimal("7.5"))).isNull();
        assertThat(JsonValues.longValue((Object) "7a")).isNull();
        assertThat(JsonValues.longValue((Object) "99999999999999999999")).isNull();
        assertThat(JsonValues.idText(53692747)).isEqualTo("53692747");
        assertThat(JsonValues.idText(" 53692747 ")).isEqualTo("53692747");
        assertThat(JsonValues.idText("")).isNull();
        assertThat(JsonValues.idText(null)).isNull();
    }
}

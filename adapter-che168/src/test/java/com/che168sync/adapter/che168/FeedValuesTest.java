package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedValuesTest {
    @Test
    void timestampsWithZOrAnOffsetBecomeUtcInstants() {
        assertThat(FeedValues.timestamp("2025-01-15T10:30:00Z")).isEqualTo(Instant.parse("2025-01-15T10:30:00Z"));
        assertThat(FeedValues.timestamp("2025-04-30T14:28:11.560+03:00")).isEqualTo(Instant.parse("2025-04-30T11:28:11.560Z"));
        assertThat(FeedValues.timestamp("2025-04-30T14:28:11+0300")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
        assertThat(FeedValues.timestamp("2025-04-30 14:28:11+03")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
        assertThat(FeedValues.timestamp("2025-04-30t14:28:11.5z")).isEqualTo(Instant.parse("2025-04-30T14:28:11.500Z"));
    }

    @Test
    void timestampWithoutOffsetIsReadInMoscowTime() {
        assertThat(FeedValues.timestamp("2025-04-30 14:28:11")).isEqualTo(Instant.parse("2025-04-30T11:28:11Z"));
    }

    @Test
    void unreadableTimestampsAreNull() {
        assertThat(FeedValues.timestamp(null)).isNull();
        assertThat(FeedValues.timestamp(" ")).isNull();
        assertThat(FeedValues.timestamp("2025-04-29")).isNull();
        assertThat(FeedValues.timestamp("yesterday")).isNull();
    }

    @Test
    void idsFromNumbersOrStrings() {
        assertThat(FeedValues.longValue((Object) "892145")).isEqualTo(892145L);
        assertThat(FeedValues.longValue((Object) " 7 ")).isEqualTo(7L);
        assertThat(FeedValues.longValue((Object) 7)).isEqualTo(7L);
        assertThat(FeedValues.longValue((Object) new BigDecimal("7.0"))).isEqualTo(7L);
        assertThat(FeedValues.longValue((Object) new BigDecimal("7.5"))).isNull();
        assertThat(FeedValues.longValue((Object) "7a")).isNull();
        assertThat(FeedValues.longValue((Object) "99999999999999999999")).isNull();
        assertThat(FeedValues.idText(53692747)).isEqualTo("53692747");
        assertThat(FeedValues.idText(" 53692747 ")).isEqualTo("53692747");
        assertThat(FeedValues.idText("")).isNull();
        assertThat(FeedValues.idText(null)).isNull();
    }
}

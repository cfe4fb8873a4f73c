package com.che168sync.application.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shortDurationsInMillisecondsAndSeconds() {
        assertThat(Durations.human(Duration.ZERO)).isEqualTo("0 s");
        assertThat(Durations.human(Duration.ofSeconds(-3))).isEqualTo("0 s");
        assertThat(Durations.human(Duration.ofMillis(250))).isEqualTo("250 ms");
        assertThat(Durations.human(Duration.ofMillis(42_900))).isEqualTo("42 s");
        assertThat(Durations.human(Duration.ofSeconds(90))).isEqualTo("90 s");
    }

    @Test
    void minutesWithTheirSecondsAndHoursToTheMinute() {
        assertThat(Durations.human(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(Durations.human(Duration.ofSeconds(185))).isEqualTo("3 min 5 s");
        assertThat(Durations.human(Duration.ofMinutes(12))).isEqualTo("12 min");
        assertThat(Durations.human(Duration.ofMinutes(228))).isEqualTo("3 h 48 min");
        assertThat(Durations.human(Duration.ofSeconds(4 * 3600 + 35 * 60 + 59))).isEqualTo("4 h 35 min");
        assertThat(Durations.human(Duration.ofHours(4))).isEqualTo("4 h");
        assertThat(Durations.human(Duration.ofHours(4).plusSeconds(30))).isEqualTo("4 h");
    }
}

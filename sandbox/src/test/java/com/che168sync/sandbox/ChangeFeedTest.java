package com.che168sync.sandbox;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedTest {

    @Test
    void theChangeDaysAreTheDaysEndingTodayInMoscowTime() {
        // 22:30 UTC on the 22nd is already the 23rd in Moscow
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T22:30:00Z"), ZoneOffset.UTC);
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(100).days(3).clock(clock)
                .changesPerDay(50).build());
        assertThat(sandbox.calendar().days()).extracting(SandboxCalendar.ChangeDay::date)
                .containsExactly(LocalDate.of(2026, 11, 21), LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 23));
        assertThat(sandbox.calendar().firstChangeDay()).isEqualTo(LocalDate.of(2026, 11, 21));
        Sandbox moved = Sandbox.create(SandboxOptions.builder().listings(100).days(2).clock(clock)
                .endDate(LocalDate.of(2026, 1, 10)).changesPerDay(50).build());
        assertThat(moved.calendar().days()).extracting(SandboxCalendar.ChangeDay::date)
                .containsExactly(LocalDate.of(2026, 1, 9), LocalDate.of(2026, 1, 10));
    }

    @Test
    void changeIdsAreContiguousAcrossDaysAndEachDayHasAboutTheConfiguredNumberOfEvents() {
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(250_000).days(3)
                .endDate(LocalDate.of(2026, 11, 23)).build());
        long expected = sandbox.calendar().days().get(0).firstChangeId();
        for (SandboxCalendar.ChangeDay day : sandbox.calendar().days()) {
            assertThat(day.firstChangeId()).isEqualTo(expected);
            assertThat(day.events()).isBetween(13_500, 16_500);
            assertThat(day.added() + day.changed() + day.removed()).isEqualTo(day.events());
            assertThat(day.added()).isGreaterThan(day.events() / 20);
            assertThat(day.removed()).isGreaterThan(day.events() / 20);
            assertThat(sandbox.changeIdFor(day.date())).isEqualTo(day.firstChangeId());
            expected = day.lastChangeId() + 1;
        }
        assertThat(sandbox.calendar().endOfFeedId()).isEqualTo(expected);
        assertThat(sandbox.changeIdFor(LocalDate.of(2000, 1, 1))).isEqualTo(sandbox.calendar().days().get(0).firstChangeId());
        assertThat(sandbox.changeIdFor(LocalDate.of(2030, 1, 1))).isEqualTo(expected);
    }

    @Test
    void eventsAreTimedInsideTheirDayInIdOrderAndListingsRecurWithinADay() {
        Sandbox sandbox = Sandbox.create(SandboxOptions.builder().listings(5_000).days(2)
                .endDate(LocalDate.of(2026, 11, 23)).changesPerDay(2_000).build());
        ChangeFeed feed = sandbox.feed();
        Instant previous = Instant.EPOCH;
        int recurring = 0;
        int ghosts = 0;
        for (int d = 0; d < feed.days(); d++) {
            Map<Long, Integer> seen = new HashMap<>();
            Instant start = feed.date(d).atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant();
            for (int pos = feed.dayStart(d); pos < feed.dayEnd(d); pos++) {
                Instant at = feed.createdAt(pos);
                assertThat(at).isBetween(start, start.plusSeconds(86_400));
                assertThat(at).isAfterOrEqualTo(previous.minusSeconds(1));
                previous = at;
                if (seen.merge(feed.key(pos), 1, Integer::sum) == 2) {
                    recurring++;
                }
                if (feed.key(pos) < 0) {
                    ghosts++;
                }
            }
        }
        assertThat(recurring).as("listings met twice in a day").isGreaterThan(50);
        assertThat(ghosts).as("events of listings never in the catalogue").isGreaterThan(50);
    }

    @Test
    void optionsRefuseNonsense() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxOptions.builder().listings(-1).build())
                .hasMessageContaining("listings");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxOptions.builder().apiKey("").build())
                .hasMessageContaining("key");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SandboxOptions.builder()
                .faults(SandboxFaults.none().withErrorRate(0.7).withTruncateRate(0.7)).build())
                .hasMessageContaining("more than 1");
        assertThat(SandboxOptions.builder().apiKey("secret-k").build().toString()).doesNotContain("secret-k");
    }
}

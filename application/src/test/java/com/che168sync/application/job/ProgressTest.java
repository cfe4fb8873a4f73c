package com.che168sync.application.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.testing.MutableClock;
import com.che168sync.application.testing.ReportedLines;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final ReportedLines lines = new ReportedLines();

    @Test
    void aLineAtMostEveryIntervalWithPercentageSpeedAndEta() {
        Progress p = new Progress(lines, clock, 250_000, 100_000, Duration.ofSeconds(10), null);
        p.tick(5);
        clock.advance(Duration.ofMinutes(25));
        p.tick(12_500);
        p.tick(12_600);
        assertThat(lines.lines).containsExactly(
                "[INFO] Progress: 45.0% (112,500 / 250,000 records) | Speed: 500 records/min | ETA: 4 h 35 min");
    }

    @Test
    void theEstimateGrowsWithTheCountAndTheContextEndsTheLine() {
        Progress p = new Progress(lines, clock, 15_000, 0, Duration.ofSeconds(10), "day 2026-11-23");
        clock.advance(Duration.ofMinutes(1));
        p.tick(16_000);
        assertThat(lines.lines).containsExactly("[INFO] Progress: 99.9% (16,000 / 16,000 records) | Speed: 16,000"
                + " records/min | ETA: 0 s | day 2026-11-23");
    }

    @Test
    void theLastLineSaysDoneOnlyWhenTheRunWentThrough() {
        Progress p = new Progress(lines, clock, 1_000, 0, Duration.ofSeconds(10), null);
        clock.advance(Duration.ofSeconds(30));
        p.finish(400, false);
        p.finish(700, true);
        assertThat(lines.lines).containsExactly(
                "[INFO] Progress: 40.0% (400 / 1,000 records) | Speed: 800 records/min | ETA: 45 s",
                "[INFO] Progress: 100.0% (700 / 700 records) | Speed: 1,400 records/min | ETA: done");
    }

    @Test
    void anEstimatedTotalSaysSoUntilTheEndWhichHasTheRealTotal() {
        // a 5,000-listing feed against load.estimated_total = 250,000
        Progress p = new Progress(lines, clock, 250_000, true, 0, Duration.ofSeconds(10), null);
        clock.advance(Duration.ofMinutes(1));
        p.tick(1_000);
        clock.advance(Duration.ofMinutes(4));
        p.finish(5_000, true);
        assertThat(lines.lines).containsExactly(
                "[INFO] Progress: 0.4% (1,000 / 250,000 records) | Speed: 1,000 records/min | ETA: ~4 h 9 min (the "
                        + "total is an estimate)",
                "[INFO] Progress: 100.0% (5,000 / 5,000 records) | Speed: 1,000 records/min | ETA: done");

        lines.lines.clear();
        Progress past = new Progress(lines, clock, 1_000, true, 0, Duration.ZERO, "day 2026-11-23");
        clock.advance(Duration.ofMinutes(1));
        past.tick(1_500);
        assertThat(lines.lines).containsExactly("[INFO] Progress: 99.9% (1,500 / 1,500 records) | Speed: 1,500"
                + " records/min | ETA: unknown (past the estimated total of 1,000) | day 2026-11-23");
    }

    @Test
    void nothingDoneYetHasNoEta() {
        Progress p = new Progress(lines, clock, 1_000, 0, Duration.ZERO, null);
        p.tick(0);
        assertThat(lines.lines).containsExactly(
                "[INFO] Progress: 0.0% (0 / 1,000 records) | Speed: 0 records/min | ETA: unknown");
    }
}

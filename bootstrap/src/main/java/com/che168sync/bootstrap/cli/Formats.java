package com.che168sync.bootstrap.cli;

import com.che168sync.application.job.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How commands print times, durations and counts (local time, like the log). */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** {@code 2026-11-23 10:00:00}, or {@code -} for null. */
    static String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant);
    }

    /** {@code 2026-11-23 10:00}, or {@code -} for null. */
    static String minute(Instant instant) {
        return instant == null ? "-" : MINUTE.format(instant);
    }

    /**
     * When a token stops working: {@code end of 2026-12-31} for the end of a day given to {@code --expires} (stored as
     * the next midnight UTC), else {@code 2027-01-01 08:00} (local), {@code never} for null.
     */
    static String expiry(Instant instant) {
        if (instant == null) {
            return "never";
        }
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        return utc.toLocalTime().equals(LocalTime.MIDNIGHT) ? "end of " + utc.toLocalDate().minusDays(1)
                : minute(instant);
    }

    /** The jobs' one duration format ({@link Durations#human}: {@code 3 min 5 s}), or {@code -} for null. */
    static String duration(Duration d) {
        return d == null ? "-" : Durations.human(d);
    }

    /** {@code 250,000}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** Cuts {@code text} to {@code max} characters on one line. */
    static String oneLine(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max - 3) + "...";
    }
}

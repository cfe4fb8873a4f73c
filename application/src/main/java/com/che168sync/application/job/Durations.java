package com.che168sync.application.job;

import java.time.Duration;

/** The one way durations are printed, in job lines, ETAs, retry messages and summaries. */
public final class Durations {
    private Durations() {
    }

    /**
     * {@code 250 ms} under a second; {@code 42 s} and {@code 90 s} under two minutes; then hours, minutes and
     * seconds, zero parts left out ({@code 12 min}, {@code 3 min 5 s}); from an hour on, to the minute
     * ({@code 4 h 35 min}, {@code 4 h}). Negative durations print as {@code 0 s}.
     */
    public static String human(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return "0 s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + " ms";
        }
        long s = d.toSeconds();
        if (s < 120 && s % 60 != 0) {
            return s + " s";
        }
        long h = s / 3600;
        long m = s % 3600 / 60;
        long rest = h > 0 ? 0 : s % 60;
        StringBuilder sb = new StringBuilder();
        append(sb, h, "h");
        append(sb, m, "min");
        append(sb, rest, "s");
        return sb.toString();
    }

    private static void append(StringBuilder sb, long n, String unit) {
        if (n > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(n).append(' ').append(unit);
        }
    }
}

package com.che168sync.application.retry;

import java.time.Duration;

final class Durations {
    private Durations() {
    }

    /** {@code 12 min}, {@code 3 h 48 min}, {@code 90 s}, {@code 250 ms}. */
    static String human(Duration d) {
        if (d.isZero()) {
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
        long m = (s % 3600) / 60;
        long rest = s % 60;
        StringBuilder sb = new StringBuilder();
        if (h > 0) {
            sb.append(h).append(" h");
        }
        if (m > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(m).append(" min");
        }
        if (rest > 0) {
            sb.append(sb.isEmpty() ? "" : " ").append(rest).append(" s");
        }
        return sb.isEmpty() ? "0 s" : sb.toString();
    }
}

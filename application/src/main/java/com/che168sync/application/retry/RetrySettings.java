package com.che168sync.application.retry;

import java.time.Duration;

/**
 * How hard to insist on one source request (docs/rules.md#initial-load, #daily-update): up to {@code maxAttempts} attempts, {@code interval}
 * apart (longer when the source's {@code Retry-After} asks for more), waiting {@code maxTotalWait} at most in all.
 * The defaults are the specification's: 20 attempts, 12 minutes apart, 4 hours.
 *
 * @param maxAttempts  attempts in all, the first included; at least 1
 * @param interval     the pause between two attempts; positive
 * @param maxTotalWait the most time spent waiting between attempts; at least {@code (maxAttempts - 1) × interval},
 *                     so it only cuts the schedule short when the source asks for longer pauses
 */
public record RetrySettings(int maxAttempts, Duration interval, Duration maxTotalWait) {
    public static final int DEFAULT_MAX_ATTEMPTS = 20;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(12);
    public static final Duration DEFAULT_MAX_TOTAL_WAIT = Duration.ofHours(4);

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1, got " + maxAttempts);
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("retry interval must be positive, got " + interval);
        }
        if (maxTotalWait == null) {
            throw new IllegalArgumentException("retry total must be set");
        }
        Duration scheduled = interval.multipliedBy(maxAttempts - 1L);
        if (maxTotalWait.compareTo(scheduled) < 0) {
            throw new IllegalArgumentException("retry total " + maxTotalWait + " is shorter than the "
                    + (maxAttempts - 1) + " pauses of " + interval + " that " + maxAttempts + " attempts need ("
                    + scheduled + ")");
        }
    }

    /** 20 attempts, 12 minutes apart, 4 hours in all. */
    public static RetrySettings defaults() {
        return new RetrySettings(DEFAULT_MAX_ATTEMPTS, DEFAULT_INTERVAL, DEFAULT_MAX_TOTAL_WAIT);
    }

    /** {@code maxAttempts} attempts {@code interval} apart, with exactly the time that schedule needs as total. */
    public static RetrySettings of(int maxAttempts, Duration interval) {
        return new RetrySettings(maxAttempts, interval, interval.multipliedBy(Math.max(0, maxAttempts - 1L)));
    }
}

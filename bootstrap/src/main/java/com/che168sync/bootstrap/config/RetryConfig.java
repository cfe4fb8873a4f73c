package com.che168sync.bootstrap.config;

import java.time.Duration;

/**
 * How a job retries a failing source request ({@code retry.*}): {@code attempts} tries, {@code interval} apart.
 * The default 20 × 12 min gives the source 4 hours to come back (docs/rules.md#initial-load).
 */
public record RetryConfig(int attempts, Duration interval) {
    /** The longest a single request is retried: {@code attempts × interval}. */
    public Duration total() {
        return interval.multipliedBy(attempts);
    }
}

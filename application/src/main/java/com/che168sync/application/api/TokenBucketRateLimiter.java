package com.che168sync.application.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API token, the same for all (SPEC §5): {@code burst} requests at once, refilled at
 * {@code ratePerSecond}. Time from the injected clock, so tests can step through a refill.
 */
public final class TokenBucketRateLimiter {
    private final double ratePerMilli;
    private final int burst;
    private final Clock clock;
    private final Map<Integer, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(double ratePerSecond, int burst, Clock clock) {
        if (!(ratePerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("the rate limit needs a rate > 0 and a burst >= 1");
        }
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
    }

    /** Takes one request from the bucket of {@code tokenId}. */
    public RateDecision acquire(int tokenId) {
        long now = clock.millis();
        Bucket bucket = buckets.computeIfAbsent(tokenId, id -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, ratePerMilli, burst);
            boolean allowed = bucket.level >= 1.0;
            if (allowed) {
                bucket.level -= 1.0;
            }
            int remaining = (int) Math.floor(bucket.level);
            long reset = seconds((burst - bucket.level) / ratePerMilli);
            long retryAfter = allowed ? 0 : Math.max(1, seconds((1.0 - bucket.level) / ratePerMilli));
            return new RateDecision(allowed, burst, remaining, reset, retryAfter);
        }
    }

    private static long seconds(double millis) {
        return millis <= 0 ? 0 : (long) Math.ceil(millis / 1000.0);
    }

    private static final class Bucket {
        private double level;
        private long at;

        Bucket(double level, long at) {
            this.level = level;
            this.at = at;
        }

        void refill(long now, double ratePerMilli, int burst) {
            if (now > at) {
                level = Math.min(burst, level + (now - at) * ratePerMilli);
                at = now;
            }
        }
    }
}

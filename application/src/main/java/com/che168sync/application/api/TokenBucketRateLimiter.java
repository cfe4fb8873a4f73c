package com.che168sync.application.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per API token, the same for all (docs/rules.md#public-api): {@code burst} requests at once, refilled at
 * {@code ratePerSecond}. Time from the injected clock, so tests can step through a refill.
 */
public final class TokenBucketRateLimiter {
    private final double ratePerMilli;
    private final int burst;
    private final Clock clock;
    private final Map<Integer, TokenBucket> buckets = new ConcurrentHashMap<>();

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
        TokenBucket bucket = buckets.computeIfAbsent(tokenId, id -> new TokenBucket(burst, now));
        synchronized (bucket) {
            return bucket.take(now, ratePerMilli, burst);
        }
    }
}

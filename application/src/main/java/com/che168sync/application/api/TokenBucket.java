package com.che168sync.application.api;

/**
 * One token bucket: {@code burst} requests at once, refilled continuously at a rate. Not thread-safe: callers
 * synchronize on it. Shared by {@link TokenBucketRateLimiter} (per token) and {@link UnauthenticatedRateLimiter}
 * (per client address).
 */
final class TokenBucket {
    private double level;
    private long at;
    /** When a refusal from this bucket was last reported (logged), {@link Long#MIN_VALUE} for never. */
    long reportedAt = Long.MIN_VALUE;

    TokenBucket(int burst, long now) {
        this.level = burst;
        this.at = now;
    }

    /** Takes one request if there is one; the decision carries what the {@code RateLimit-*} headers say. */
    RateDecision take(long now, double ratePerMilli, int burst) {
        refill(now, ratePerMilli, burst);
        boolean allowed = level >= 1.0;
        if (allowed) {
            level -= 1.0;
        }
        int remaining = (int) Math.floor(level);
        long reset = seconds((burst - level) / ratePerMilli);
        long retryAfter = allowed ? 0 : Math.max(1, seconds((1.0 - level) / ratePerMilli));
        return new RateDecision(allowed, burst, remaining, reset, retryAfter);
    }

    /** True when the bucket has refilled completely: it then holds no state a new bucket would not have. */
    boolean isFull(long now, double ratePerMilli, int burst) {
        refill(now, ratePerMilli, burst);
        return level >= burst;
    }

    private void refill(long now, double ratePerMilli, int burst) {
        if (now > at) {
            level = Math.min(burst, level + (now - at) * ratePerMilli);
            at = now;
        }
    }

    private static long seconds(double millis) {
        return millis <= 0 ? 0 : (long) Math.ceil(millis / 1000.0);
    }
}

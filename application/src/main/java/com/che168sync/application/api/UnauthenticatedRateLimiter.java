package com.che168sync.application.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limit for requests that carry no valid token (none, malformed, unknown, revoked or expired): one token bucket
 * per client address, so nobody can hammer the API with requests that end in 401 — a client with a valid token is
 * limited by its token's bucket instead ({@link TokenBucketRateLimiter}) and is not affected by this one.
 *
 * <p>Memory is bounded: at most {@code maxAddresses} addresses are tracked. A bucket that has refilled completely
 * holds nothing a new one would not, so such buckets are dropped when room is needed (looked for at most once a
 * second). While every slot belongs to an address that is still being limited — many addresses at once, i.e. an
 * attack — further addresses share one overflow bucket: still limited, together.
 *
 * <p>Each refusal says whether to report it: the first refusal of an address, then at most one per
 * {@code reportEvery}, so a flood cannot flood the log.
 */
public final class UnauthenticatedRateLimiter {
    /** The key of the bucket shared by the addresses beyond {@code maxAddresses}. */
    public static final String OVERFLOW = "(untracked addresses)";
    private static final long SWEEP_EVERY_MILLIS = 1000;

    private final double ratePerMilli;
    private final int burst;
    private final int maxAddresses;
    private final long reportEveryMillis;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final TokenBucket overflow;
    private volatile long sweptAt = Long.MIN_VALUE;

    /**
     * @param ratePerSecond sustained requests per second without a valid token, per address
     * @param burst         such requests allowed at once
     * @param maxAddresses  how many addresses are tracked at most (the memory bound)
     * @param reportEvery   at most one reported refusal per address in this time
     */
    public UnauthenticatedRateLimiter(double ratePerSecond, int burst, int maxAddresses, Duration reportEvery,
                                      Clock clock) {
        if (!(ratePerSecond > 0) || burst < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("the limit without a token needs a rate > 0, a burst >= 1 and at "
                    + "least one tracked address");
        }
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.maxAddresses = maxAddresses;
        this.reportEveryMillis = reportEvery.toMillis();
        this.clock = clock;
        this.overflow = new TokenBucket(burst, clock.millis());
    }

    /**
     * Takes one request from the bucket of {@code address} (a client address, or a network prefix for IPv6).
     *
     * @return the decision; {@link Decision#report()} is true for a refusal that should be logged
     */
    public Decision acquire(String address) {
        long now = clock.millis();
        String key = address;
        TokenBucket bucket = buckets.get(address);
        if (bucket == null) {
            if (buckets.size() >= maxAddresses) {
                sweep(now);
            }
            if (buckets.size() < maxAddresses) {
                bucket = buckets.computeIfAbsent(address, a -> new TokenBucket(burst, now));
            } else {
                key = OVERFLOW;
                bucket = overflow;
            }
        }
        synchronized (bucket) {
            RateDecision decision = bucket.take(now, ratePerMilli, burst);
            boolean report = false;
            if (!decision.allowed() && (bucket.reportedAt == Long.MIN_VALUE
                    || now - bucket.reportedAt >= reportEveryMillis)) {
                bucket.reportedAt = now;
                report = true;
            }
            return new Decision(decision, report, key);
        }
    }

    /** How many addresses have a bucket now (at most {@code maxAddresses}). */
    public int trackedAddresses() {
        return buckets.size();
    }

    /** Drops the buckets that have refilled completely; at most once a second, however many requests come. */
    private void sweep(long now) {
        long last = sweptAt;
        if (last != Long.MIN_VALUE && now - last < SWEEP_EVERY_MILLIS) {
            return;
        }
        sweptAt = now;
        buckets.entrySet().removeIf(e -> {
            TokenBucket b = e.getValue();
            synchronized (b) {
                return b.isFull(now, ratePerMilli, burst);
            }
        });
    }

    /**
     * @param rate   allowed or not, with what the {@code RateLimit-*} and {@code Retry-After} headers say
     * @param report true when this refusal should be logged (the first of its address in a while)
     * @param bucket whose bucket was used: the address, or {@link #OVERFLOW}
     */
    public record Decision(RateDecision rate, boolean report, String bucket) {
    }
}

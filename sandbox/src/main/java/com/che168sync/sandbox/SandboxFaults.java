package com.che168sync.sandbox;

/**
 * The faults the sandbox injects into feed requests ({@code /api/v2/che168/...}; never into
 * {@code /__sandbox/...}). Each request draws at most one fault from a sequence fixed by the run's seed and
 * the request's ordinal, so a run with the same seed and the same request order meets the same faults. A
 * fault never changes the data: the next correct answer to the same request is the same as without faults.
 *
 * @param latencyMs         time from a feed request's arrival to its answer, in milliseconds (0 = none); the
 *                          sandbox's own work (building the page) happens inside it, as a remote server's does
 * @param errorRate         share of requests answered 500 or 502 with an HTML body (a proxy's error page)
 * @param rateLimitRate     share answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds the {@code Retry-After} value sent with a 429, in seconds
 * @param stallRate         share of requests held for {@code stallMs} before the (correct) answer is sent,
 *                          so a client with a shorter timeout gives up
 * @param stallMs           how long a stalled request is held, in milliseconds
 * @param truncateRate      share answered 200 with the correct body cut short (invalid JSON)
 * @param brokenMetaRate    share of {@code /offers} and {@code /changes} answers whose {@code meta} is broken
 *                          ({@code next_page} not advancing, {@code next_change_id} stalled, or no {@code meta})
 * @param offerErrorRate    share of {@code /offer} requests (only those) answered 503 with an HTML body, drawn from
 *                          the seed and the {@code /offer} request's ordinal, before and apart from the rates above
 *                          (1 = a dead {@code /offer} while the rest of the feed answers)
 */
public record SandboxFaults(long latencyMs, double errorRate, double rateLimitRate, int retryAfterSeconds,
                            double stallRate, long stallMs, double truncateRate, double brokenMetaRate,
                            double offerErrorRate) {

    /** Default hold of a stalled request: past the source client's 60 s call timeout. */
    public static final long DEFAULT_STALL_MS = 90_000;

    public SandboxFaults {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latency-ms must be >= 0, got " + latencyMs);
        }
        rate("error-rate", errorRate);
        rate("rate-limit-rate", rateLimitRate);
        rate("stall-rate", stallRate);
        rate("truncate-rate", truncateRate);
        rate("broken-meta-rate", brokenMetaRate);
        rate("offer-error-rate", offerErrorRate);
        if (errorRate + rateLimitRate + stallRate + truncateRate + brokenMetaRate > 1.0 + 1e-9) {
            throw new IllegalArgumentException("the fault rates add up to more than 1");
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry-after must be >= 0 seconds, got " + retryAfterSeconds);
        }
        if (stallMs < 0) {
            throw new IllegalArgumentException("stall-ms must be >= 0, got " + stallMs);
        }
    }

    /** The faults without a failing {@code /offer}. */
    public SandboxFaults(long latencyMs, double errorRate, double rateLimitRate, int retryAfterSeconds,
                         double stallRate, long stallMs, double truncateRate, double brokenMetaRate) {
        this(latencyMs, errorRate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, truncateRate, brokenMetaRate,
                0);
    }

    /** No faults, no latency. */
    public static SandboxFaults none() {
        return new SandboxFaults(0, 0, 0, 1, 0, DEFAULT_STALL_MS, 0, 0, 0);
    }

    public SandboxFaults withLatencyMs(long ms) {
        return new SandboxFaults(ms, errorRate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, truncateRate, brokenMetaRate, offerErrorRate);
    }

    public SandboxFaults withErrorRate(double rate) {
        return new SandboxFaults(latencyMs, rate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, truncateRate, brokenMetaRate, offerErrorRate);
    }

    public SandboxFaults withRateLimit(double rate, int retryAfterSeconds) {
        return new SandboxFaults(latencyMs, errorRate, rate, retryAfterSeconds, stallRate, stallMs, truncateRate, brokenMetaRate, offerErrorRate);
    }

    public SandboxFaults withStall(double rate, long stallMs) {
        return new SandboxFaults(latencyMs, errorRate, rateLimitRate, retryAfterSeconds, rate, stallMs, truncateRate, brokenMetaRate, offerErrorRate);
    }

    public SandboxFaults withTruncateRate(double rate) {
        return new SandboxFaults(latencyMs, errorRate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, rate, brokenMetaRate, offerErrorRate);
    }

    public SandboxFaults withBrokenMetaRate(double rate) {
        return new SandboxFaults(latencyMs, errorRate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, truncateRate, rate, offerErrorRate);
    }

    public SandboxFaults withOfferErrorRate(double rate) {
        return new SandboxFaults(latencyMs, errorRate, rateLimitRate, retryAfterSeconds, stallRate, stallMs, truncateRate,
                brokenMetaRate, rate);
    }

    /** True when some request can fail (latency alone is not a failure). */
    public boolean anyFailure() {
        return errorRate + rateLimitRate + stallRate + truncateRate + brokenMetaRate + offerErrorRate > 0;
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}

package com.che168sync.sandbox;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Draws the fault of each feed request from the run's seed and the request's ordinal (1, 2, 3 … in arrival
 * order): the same seed and request order meet the same faults. Decisions only, no data: a fault never
 * changes what a later correct answer contains.
 */
final class FaultInjector {

    enum Fault { NONE, ERROR_500, ERROR_502, RATE_LIMIT, STALL, TRUNCATE, BROKEN_META }

    /** One request's fault and its detail (a cut ratio for truncation, a variant for broken meta). */
    record Decision(long ordinal, Fault fault, double detail) {
    }

    private final long seed;
    private final SandboxFaults faults;
    private final AtomicLong ordinal = new AtomicLong();
    private final AtomicLong offerOrdinal = new AtomicLong();

    FaultInjector(long seed, SandboxFaults faults) {
        this.seed = seed;
        this.faults = faults;
    }

    SandboxFaults faults() {
        return faults;
    }

    Decision next() {
        return decide(ordinal.incrementAndGet());
    }

    /** True when the next {@code /offer} request is answered 503 ({@link SandboxFaults#offerErrorRate()}). */
    boolean nextOfferFails() {
        return faults.offerErrorRate() > 0 && offerFails(offerOrdinal.incrementAndGet());
    }

    /** Whether the n-th {@code /offer} request fails (pure). */
    boolean offerFails(long n) {
        return Rng.unit(Rng.hash(seed, Rng.OFFER_FAULT, n)) < faults.offerErrorRate();
    }

    /** The decision for the n-th request (pure). */
    Decision decide(long n) {
        double roll = Rng.unit(Rng.hash(seed, Rng.FAULT, n));
        double detail = Rng.unit(Rng.hash(seed, Rng.FAULT, ~n));
        double edge = faults.errorRate();
        if (roll < edge) {
            return new Decision(n, detail < 0.5 ? Fault.ERROR_500 : Fault.ERROR_502, detail);
        }
        edge += faults.rateLimitRate();
        if (roll < edge) {
            return new Decision(n, Fault.RATE_LIMIT, detail);
        }
        edge += faults.stallRate();
        if (roll < edge) {
            return new Decision(n, Fault.STALL, detail);
        }
        edge += faults.truncateRate();
        if (roll < edge) {
            return new Decision(n, Fault.TRUNCATE, detail);
        }
        edge += faults.brokenMetaRate();
        if (roll < edge) {
            return new Decision(n, Fault.BROKEN_META, detail);
        }
        return new Decision(n, Fault.NONE, detail);
    }
}

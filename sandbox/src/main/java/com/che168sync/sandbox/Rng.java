package com.che168sync.sandbox;

import java.util.List;
import java.util.SplittableRandom;

/** Deterministic randomness: every random choice is a pure function of (seed, stream, key). */
final class Rng {
    static final long LISTING = 0x4C495354L;
    static final long INNER_ID = 0x494E4E52L;
    static final long EVENT = 0x45564E54L;
    static final long DAY = 0x44415953L;
    static final long FAULT = 0x46415554L;
    static final long OFFER = 0x4F464652L;
    static final long LAYOUT = 0x4C41594FL;
    static final long MISSED = 0x4D495353L;
    static final long SHIFT = 0x53484654L;
    static final long POISON = 0x504F4953L;
    static final long POISON_EVENT = 0x50455654L;
    static final long POISON_OFFER = 0x504F4652L;
    static final long OFFER_FAULT = 0x4F464654L;

    private Rng() {
    }

    /** SplitMix64's finalizer: a bijective, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static long hash(long seed, long stream, long key) {
        return mix(mix(seed * 0x9E3779B97F4A7C15L + stream) ^ (key * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
    }

    static SplittableRandom random(long seed, long stream, long key) {
        return new SplittableRandom(hash(seed, stream, key));
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    static <T> T pick(SplittableRandom rnd, List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    static <T> T pick(SplittableRandom rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static boolean chance(SplittableRandom rnd, int percent) {
        return rnd.nextInt(100) < percent;
    }
}

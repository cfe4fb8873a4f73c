package com.che168sync.application.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnauthenticatedRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));

    private UnauthenticatedRateLimiter limiter(int maxAddresses) {
        return new UnauthenticatedRateLimiter(1, 3, maxAddresses, Duration.ofMinutes(1), clock);
    }

    @Test
    void eachAddressHasABurstThenRefusalsWithRetryAfterReportedOncePerWindow() {
        UnauthenticatedRateLimiter limiter = limiter(10);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("203.0.113.7").rate().allowed()).isTrue();
        }
        UnauthenticatedRateLimiter.Decision refused = limiter.acquire("203.0.113.7");
        assertThat(refused.rate().allowed()).isFalse();
        assertThat(refused.rate().retryAfterSeconds()).isEqualTo(1);
        assertThat(refused.report()).as("the first refusal is reported").isTrue();
        assertThat(refused.bucket()).isEqualTo("203.0.113.7");
        assertThat(limiter.acquire("203.0.113.7").report()).as("not again within the window").isFalse();
        assertThat(limiter.acquire("198.51.100.1").rate().allowed()).as("another address").isTrue();

        clock.advance(Duration.ofSeconds(1)); // one request back at 1/s
        assertThat(limiter.acquire("203.0.113.7").rate().allowed()).isTrue();
        UnauthenticatedRateLimiter.Decision again = limiter.acquire("203.0.113.7");
        assertThat(again.rate().allowed()).isFalse();
        assertThat(again.report()).isFalse();

        clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("203.0.113.7").rate().allowed()).isTrue();
        }
        assertThat(limiter.acquire("203.0.113.7").report()).as("a new window").isTrue();
    }

    @Test
    void memoryIsBoundedAndAddressesBeyondTheBoundShareOneLimitedBucket() {
        UnauthenticatedRateLimiter limiter = limiter(3);
        for (int a = 1; a <= 3; a++) {
            for (int i = 0; i < 3; i++) {
                limiter.acquire("10.0.0." + a); // three addresses, each with an empty bucket
            }
        }
        assertThat(limiter.trackedAddresses()).isEqualTo(3);
        // an attack from many more addresses: none gets a bucket of its own, together they get one burst
        int allowed = 0;
        for (int a = 4; a < 1000; a++) {
            UnauthenticatedRateLimiter.Decision d = limiter.acquire("10.0.1." + a);
            assertThat(d.bucket()).isEqualTo(UnauthenticatedRateLimiter.OVERFLOW);
            allowed += d.rate().allowed() ? 1 : 0;
        }
        assertThat(allowed).isEqualTo(3);
        assertThat(limiter.trackedAddresses()).isEqualTo(3);

        // once the tracked buckets have refilled (3 s at 1/s) they are dropped when room is needed
        clock.advance(Duration.ofSeconds(3));
        UnauthenticatedRateLimiter.Decision fresh = limiter.acquire("192.0.2.1");
        assertThat(fresh.bucket()).isEqualTo("192.0.2.1");
        assertThat(fresh.rate().allowed()).isTrue();
        assertThat(limiter.trackedAddresses()).isEqualTo(1);
    }

    @Test
    void aPartlyUsedBucketIsKeptSoWaitingForRoomDoesNotResetALimit() {
        UnauthenticatedRateLimiter limiter = limiter(1);
        for (int i = 0; i < 4; i++) {
            limiter.acquire("10.0.0.1");
        }
        clock.advance(Duration.ofSeconds(2)); // 2 of 3 back: not full, so not forgotten
        assertThat(limiter.acquire("10.0.0.2").bucket()).isEqualTo(UnauthenticatedRateLimiter.OVERFLOW);
        assertThat(limiter.acquire("10.0.0.1").rate().remaining()).isEqualTo(1);
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new UnauthenticatedRateLimiter(0, 3, 10, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UnauthenticatedRateLimiter(1, 3, 0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

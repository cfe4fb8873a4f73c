package com.che168sync.application.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(1_000_000));

    @Test
    void aFullBucketAllowsTheBurstThenRefusesWithRetryAfter() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(10, 3, clock);
        assertThat(limiter.acquire(1)).isEqualTo(new RateDecision(true, 3, 2, 1, 0));
        assertThat(limiter.acquire(1).remaining()).isEqualTo(1);
        assertThat(limiter.acquire(1).remaining()).isZero();
        RateDecision refused = limiter.acquire(1);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.acquire(2).allowed()).as("another token's bucket").isTrue();
    }

    @Test
    void theBucketRefillsAtTheRateAndNeverAboveTheBurst() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(2, 4, clock);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.acquire(7).allowed()).isTrue();
        }
        assertThat(limiter.acquire(7).allowed()).isFalse();
        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.acquire(7).allowed()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire(7).allowed()).as("one request refilled after 500 ms at 2/s").isTrue();
        assertThat(limiter.acquire(7).allowed()).isFalse();
        clock.advance(Duration.ofMillis(3_600_000));
        assertThat(limiter.acquire(7).remaining()).isEqualTo(3);
    }

    @Test
    void aSlowRateGivesALongRetryAfter() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(0.1, 1, clock);
        assertThat(limiter.acquire(1).allowed()).isTrue();
        RateDecision refused = limiter.acquire(1);
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
        assertThat(refused.resetSeconds()).isEqualTo(10);
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new TokenBucketRateLimiter(0, 1, clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucketRateLimiter(1, 0, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}

package com.che168sync.application.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.che168sync.application.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-23T02:00:00Z");

    /** A clock that only moves when the fake sleeper sleeps. */
    static final class FakeTime implements Sleeper {
        final MutableClock clock = new MutableClock(T0);
        final List<Duration> sleeps = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration);
            clock.advance(duration);
        }
    }

    static final class Recorder implements RetryListener {
        final List<FailedAttempt> attempts = new ArrayList<>();
        final List<RetriesExhaustedException> gaveUp = new ArrayList<>();

        @Override
        public void attemptFailed(FailedAttempt attempt) {
            attempts.add(attempt);
        }

        @Override
        public void gaveUp(RetriesExhaustedException failure) {
            gaveUp.add(failure);
        }
    }

    private final FakeTime time = new FakeTime();
    private final Recorder recorder = new Recorder();
    private final RetryPolicy policy = new RetryPolicy(RetrySettings.defaults(), time, time.clock, recorder);

    private static Supplier<String> failingTimes(int failures, Supplier<SourceException> error, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw error.get();
            }
            return "page";
        };
    }

    private static SourceUnavailableException unavailable() {
        return new SourceUnavailableException("the source answered HTTP 502: Bad Gateway on /offers?page=17", null);
    }

    @Test
    void defaultScheduleIsTwentyAttemptsTwelveMinutesApart() {
        AtomicInteger calls = new AtomicInteger();

        var e = catchThrowableOfType(RetriesExhaustedException.class,
                () -> policy.call("page 17", failingTimes(Integer.MAX_VALUE, RetryPolicyTest::unavailable, calls)));

        assertThat(calls).hasValue(20);
        assertThat(time.sleeps).hasSize(19).containsOnly(Duration.ofMinutes(12));
        assertThat(time.clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(12 * 19)));
        assertThat(e.attempts()).isEqualTo(20);
        assertThat(e.operation()).isEqualTo("page 17");
        assertThat(e.elapsed()).isEqualTo(Duration.ofMinutes(228));
        assertThat(e.lastError()).isInstanceOf(SourceUnavailableException.class);
        assertThat(e).hasMessage("page 17: gave up after 20 attempts in 3 h 48 min; last error: "
                + "the source answered HTTP 502: Bad Gateway on /offers?page=17");
        assertThat(recorder.attempts).hasSize(20);
        assertThat(recorder.attempts).extracting(FailedAttempt::attempt).containsExactlyElementsOf(range(1, 20));
        assertThat(recorder.attempts.subList(0, 19)).allSatisfy(a -> {
            assertThat(a.willRetry()).isTrue();
            assertThat(a.nextAttemptIn()).isEqualTo(Duration.ofMinutes(12));
        });
        assertThat(recorder.attempts.get(19).willRetry()).isFalse();
        assertThat(recorder.attempts.get(0).summary()).isEqualTo("Attempt 1/20 of page 17 failed: the source "
                + "answered HTTP 502: Bad Gateway on /offers?page=17; next attempt in 12 min");
        assertThat(recorder.gaveUp).containsExactly(e);
    }

    @Test
    void successAfterSomeFailuresReturnsTheValue() {
        AtomicInteger calls = new AtomicInteger();

        String value = policy.call("page 3", failingTimes(4, RetryPolicyTest::unavailable, calls));

        assertThat(value).isEqualTo("page");
        assertThat(calls).hasValue(5);
        assertThat(time.sleeps).containsExactly(Collections.nCopies(4, Duration.ofMinutes(12)).toArray(Duration[]::new));
        assertThat(recorder.attempts).hasSize(4);
        assertThat(recorder.gaveUp).isEmpty();
    }

    @Test
    void successAtTheLastAttemptStillCounts() {
        AtomicInteger calls = new AtomicInteger();

        assertThat(policy.call("page 3", failingTimes(19, RetryPolicyTest::unavailable, calls))).isEqualTo("page");
        assertThat(calls).hasValue(20);
    }

    @Test
    void firstSuccessNeverSleeps() {
        assertThat(policy.call("page 1", () -> 42)).isEqualTo(42);
        assertThat(time.sleeps).isEmpty();
        assertThat(recorder.attempts).isEmpty();
    }

    @Test
    void longerRetryAfterIsHonouredShorterOneIsNot() {
        AtomicInteger calls = new AtomicInteger();
        List<Duration> asked = List.of(Duration.ofMinutes(30), Duration.ofSeconds(5));

        policy.call("page 9", failingTimes(2, () -> new SourceUnavailableException("HTTP 429",
                asked.get(calls.get() - 1), null), calls));

        assertThat(time.sleeps).containsExactly(Duration.ofMinutes(30), Duration.ofMinutes(12));
        assertThat(recorder.attempts.get(0).nextAttemptIn()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void retryAfterBeyondTheTotalWaitGivesUpWithoutSleeping() {
        AtomicInteger calls = new AtomicInteger();

        var e = catchThrowableOfType(RetriesExhaustedException.class, () -> policy.call("changes from 892145",
                failingTimes(Integer.MAX_VALUE, () -> new SourceUnavailableException("HTTP 429", Duration.ofHours(5), null), calls)));

        assertThat(calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e).hasMessageContaining("would exceed the total wait of 4 h");
    }

    @Test
    void totalWaitCutsTheScheduleWhenRetryAfterStretchesIt() {
        AtomicInteger calls = new AtomicInteger();

        var e = catchThrowableOfType(RetriesExhaustedException.class, () -> policy.call("page 5",
                failingTimes(Integer.MAX_VALUE, () -> new SourceUnavailableException("HTTP 429", Duration.ofMinutes(60), null), calls)));

        assertThat(time.sleeps).containsExactly(Duration.ofMinutes(60), Duration.ofMinutes(60), Duration.ofMinutes(60),
                Duration.ofMinutes(60));
        assertThat(e.attempts()).isEqualTo(5);
    }

    @Test
    void authErrorIsFinalAndRethrownUnchanged() {
        AtomicInteger calls = new AtomicInteger();
        SourceAuthException bad = new SourceAuthException("the source refused the API key on /offers?page=1 (HTTP 401)");

        assertThatThrownBy(() -> policy.call("page 1", () -> {
            calls.incrementAndGet();
            throw bad;
        })).isSameAs(bad);

        assertThat(calls).hasValue(1);
        assertThat(time.sleeps).isEmpty();
        assertThat(recorder.attempts).singleElement().satisfies(a -> {
            assertThat(a.willRetry()).isFalse();
            assertThat(a.summary()).endsWith("(not retried)");
        });
        assertThat(recorder.gaveUp).isEmpty();
    }

    @Test
    void malformedResponsesAreRetriedToo() {
        AtomicInteger calls = new AtomicInteger();

        policy.call("page 7", failingTimes(2, () -> new SourceMalformedResponseException("next_page 7"), calls));

        assertThat(calls).hasValue(3);
    }

    @Test
    void otherExceptionsPassThroughUntouched() {
        IllegalStateException bug = new IllegalStateException("database gone");

        assertThatThrownBy(() -> policy.call("page 1", () -> {
            throw bug;
        })).isSameAs(bug);
        assertThat(time.sleeps).isEmpty();
        assertThat(recorder.attempts).isEmpty();
    }

    @Test
    void interruptionWhileWaitingStopsAndKeepsTheInterruptFlag() {
        Sleeper interrupted = d -> {
            throw new InterruptedException();
        };
        RetryPolicy p = new RetryPolicy(RetrySettings.defaults(), interrupted, time.clock, recorder);

        try {
            assertThatThrownBy(() -> p.call("page 2", () -> {
                throw unavailable();
            })).isInstanceOf(RetryInterruptedException.class).hasCauseInstanceOf(SourceUnavailableException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void configuredAttemptsAndInterval() {
        RetryPolicy p = new RetryPolicy(RetrySettings.of(3, Duration.ofSeconds(2)), time, time.clock, recorder);
        AtomicInteger calls = new AtomicInteger();

        var e = catchThrowableOfType(RetriesExhaustedException.class,
                () -> p.call("page 1", failingTimes(Integer.MAX_VALUE, RetryPolicyTest::unavailable, calls)));

        assertThat(calls).hasValue(3);
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void singleAttemptNeverWaits() {
        RetryPolicy p = new RetryPolicy(RetrySettings.of(1, Duration.ofMinutes(1)), time, time.clock, recorder);

        assertThatThrownBy(() -> p.run("page 1", () -> {
            throw unavailable();
        })).isInstanceOf(RetriesExhaustedException.class).hasMessageContaining("after 1 attempt in 0 s");
        assertThat(time.sleeps).isEmpty();
    }

    @Test
    void settingsAreValidatedWithNamedMessages() {
        assertThatThrownBy(() -> new RetrySettings(0, Duration.ofMinutes(1), Duration.ofHours(1)))
                .hasMessageContaining("attempts");
        assertThatThrownBy(() -> new RetrySettings(3, Duration.ZERO, Duration.ofHours(1)))
                .hasMessageContaining("interval");
        assertThatThrownBy(() -> new RetrySettings(20, Duration.ofMinutes(12), Duration.ofHours(3)))
                .hasMessageContaining("retry total");
        assertThat(RetrySettings.defaults()).isEqualTo(new RetrySettings(20, Duration.ofMinutes(12), Duration.ofHours(4)));
    }

    @Test
    void loggingListenerWarnsPerAttemptAndReportsTheFinalFailureAsError() {
        List<String> warnings = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        RetryPolicy p = new RetryPolicy(RetrySettings.of(3, Duration.ofMinutes(12)), time, time.clock,
                RetryListener.logging(warnings::add, errors::add));

        assertThatThrownBy(() -> p.call("page 17", () -> {
            throw unavailable();
        })).isInstanceOf(RetriesExhaustedException.class);

        assertThat(warnings).containsExactly(
                "Attempt 1/3 of page 17 failed: the source answered HTTP 502: Bad Gateway on /offers?page=17; next attempt in 12 min",
                "Attempt 2/3 of page 17 failed: the source answered HTTP 502: Bad Gateway on /offers?page=17; next attempt in 12 min",
                "Attempt 3/3 of page 17 failed: the source answered HTTP 502: Bad Gateway on /offers?page=17");
        assertThat(errors).containsExactly("page 17: gave up after 3 attempts in 24 min; last error: "
                + "the source answered HTTP 502: Bad Gateway on /offers?page=17");
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            list.add(i);
        }
        return list;
    }
}

package com.che168sync.application.retry;

import com.che168sync.application.job.Durations;
import com.che168sync.application.port.out.source.SourceException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The source retry policy of docs/rules.md#initial-load, #daily-update, shared by the initial load and the daily update.
 *
 * <p>An action is tried up to {@link RetrySettings#maxAttempts()} times. After a failed attempt the policy waits
 * {@link RetrySettings#interval()}, or the source's {@code Retry-After} when that is longer, then tries again.
 * What is retried: a {@link SourceException} whose {@link SourceException#retryable()} is true (unavailable,
 * malformed). Final at once: a non-retryable one (a bad key, {@code SourceAuthException}), rethrown unchanged
 * after being reported. Anything else (a bug, a database error) is not the source's failure and passes through
 * untouched. When the attempts run out, or the next pause would take the total wait past
 * {@link RetrySettings#maxTotalWait()}, a {@link RetriesExhaustedException} carries the attempts and last error.
 *
 * <p>Time comes from the injected {@link Clock} and all waiting goes through the injected {@link Sleeper}; every
 * failure is reported to the {@link RetryListener}. Thread-safe if the collaborators are.
 */
public final class RetryPolicy {
    private final RetrySettings settings;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RetryListener listener;

    public RetryPolicy(RetrySettings settings, Sleeper sleeper, Clock clock, RetryListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public RetrySettings settings() {
        return settings;
    }

    /** The same policy (sleeper, clock, listener) with other settings, e.g. the short one of detail fetches. */
    public RetryPolicy withSettings(RetrySettings other) {
        return new RetryPolicy(other, sleeper, clock, listener);
    }

    /**
     * Runs {@code action} until it returns, under this policy.
     *
     * @param operation what is attempted, for reports and messages (e.g. {@code page 17})
     * @return the action's value
     * @throws RetriesExhaustedException  when every allowed attempt failed
     * @throws SourceException            a non-retryable one (bad key), on its first occurrence
     * @throws RetryInterruptedException  when interrupted while waiting
     */
    public <T> T call(String operation, Supplier<T> action) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(action, "action");
        Instant started = clock.instant();
        Duration waited = Duration.ZERO;
        for (int attempt = 1; ; attempt++) {
            SourceException error;
            try {
                return action.get();
            } catch (SourceException e) {
                error = e;
            }
            Instant failedAt = clock.instant();
            if (!error.retryable()) {
                listener.attemptFailed(new FailedAttempt(operation, attempt, settings.maxAttempts(), error, failedAt, null));
                throw error;
            }
            String reason = null;
            Duration pause = null;
            if (attempt < settings.maxAttempts()) {
                pause = pauseAfter(error);
                if (waited.plus(pause).compareTo(settings.maxTotalWait()) > 0) {
                    reason = "the next pause of " + Durations.human(pause) + " would exceed the total wait of "
                            + Durations.human(settings.maxTotalWait());
                    pause = null;
                }
            }
            listener.attemptFailed(new FailedAttempt(operation, attempt, settings.maxAttempts(), error, failedAt, pause));
            if (pause == null) {
                RetriesExhaustedException exhausted = new RetriesExhaustedException(
                        operation, attempt, Duration.between(started, failedAt), reason, error);
                listener.gaveUp(exhausted);
                throw exhausted;
            }
            try {
                sleeper.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetryInterruptedException(operation, attempt, error);
            }
            waited = waited.plus(pause);
        }
    }

    /** As {@link #call(String, Supplier)} for an action without a value. */
    public void run(String operation, Runnable action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    private Duration pauseAfter(SourceException error) {
        Duration pause = settings.interval();
        if (error instanceof SourceUnavailableException unavailable) {
            Duration asked = unavailable.retryAfter().orElse(Duration.ZERO);
            if (asked.compareTo(pause) > 0) {
                pause = asked;
            }
        }
        return pause;
    }
}

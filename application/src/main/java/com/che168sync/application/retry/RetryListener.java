package com.che168sync.application.retry;

import java.util.function.Consumer;

/** Hears about failures inside a {@link RetryPolicy}, typically to log them. */
public interface RetryListener {
    /** No-op. */
    RetryListener NONE = new RetryListener() {
    };

    /** Every failed attempt, the last one included ({@link FailedAttempt#willRetry()} false). */
    default void attemptFailed(FailedAttempt attempt) {
    }

    /** The policy gave up: attempts or total wait used up. Not called for final (auth) errors. */
    default void gaveUp(RetriesExhaustedException failure) {
    }

    /**
     * Logs through plain callbacks, e.g. {@code RetryListener.logging(log::warn, log::error)}: each failed attempt
     * as a warning ({@link FailedAttempt#summary()}), giving up or a final error as an error. The lines carry the
     * error summaries only, which by the ports' contract never contain a secret.
     */
    static RetryListener logging(Consumer<String> warning, Consumer<String> error) {
        return new RetryListener() {
            @Override
            public void attemptFailed(FailedAttempt attempt) {
                if (attempt.willRetry()) {
                    warning.accept(attempt.summary());
                } else if (!attempt.error().retryable()) {
                    error.accept(attempt.summary());
                } else {
                    warning.accept(attempt.summary());
                }
            }

            @Override
            public void gaveUp(RetriesExhaustedException failure) {
                error.accept(failure.getMessage());
            }
        };
    }
}

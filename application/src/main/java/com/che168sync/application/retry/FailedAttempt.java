package com.che168sync.application.retry;

import com.che168sync.application.job.Durations;
import com.che168sync.application.port.out.source.SourceException;
import java.time.Duration;
import java.time.Instant;

/**
 * One failed attempt, as reported to a {@link RetryListener}.
 *
 * @param operation   what was attempted, e.g. {@code page 17} or {@code changes from 892145}
 * @param attempt     1-based number of this attempt
 * @param maxAttempts attempts allowed in all
 * @param error       why it failed (its message never contains a secret: a port guarantee)
 * @param failedAt    when it failed
 * @param nextAttemptIn the pause before the next attempt, or null when this was the last one
 */
public record FailedAttempt(
        String operation, int attempt, int maxAttempts, SourceException error, Instant failedAt, Duration nextAttemptIn) {

    public boolean willRetry() {
        return nextAttemptIn != null;
    }

    /** One log line: {@code Attempt 3/20 of page 17 failed: <error>; next attempt in 12 min}. */
    public String summary() {
        return "Attempt " + attempt + "/" + maxAttempts + " of " + operation + " failed: " + error.getMessage()
                + (willRetry() ? "; next attempt in " + Durations.human(nextAttemptIn)
                        : error.retryable() ? "" : " (not retried)");
    }
}

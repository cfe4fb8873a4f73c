package com.che168sync.application.retry;

import com.che168sync.application.job.Durations;
import com.che168sync.application.port.out.source.SourceException;
import java.time.Duration;

/**
 * A request still failed after the retry policy's attempts (or its total wait) ran out. Carries the attempts made
 * and the last error (also the cause). The message never contains a secret.
 */
public final class RetriesExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String operation;
    private final int attempts;
    private final transient Duration elapsed;

    public RetriesExhaustedException(String operation, int attempts, Duration elapsed, String reason,
            SourceException lastError) {
        super(operation + ": gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                + Durations.human(elapsed) + (reason == null ? "" : " (" + reason + ")") + "; last error: "
                + lastError.getMessage(), lastError);
        this.operation = operation;
        this.attempts = attempts;
        this.elapsed = elapsed;
    }

    public String operation() {
        return operation;
    }

    public int attempts() {
        return attempts;
    }

    public Duration elapsed() {
        return elapsed;
    }

    public SourceException lastError() {
        return (SourceException) getCause();
    }
}

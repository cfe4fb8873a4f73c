package com.che168sync.application.port.out.source;

import java.time.Duration;
import java.util.Optional;

/** A transient failure: 5xx, 429, a timeout or connection error, a truncated or non-JSON 200 body. */
public final class SourceUnavailableException extends SourceException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public SourceUnavailableException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public SourceUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** The wait the source asked for (429/503 {@code Retry-After}), if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

package com.che168sync.application.port.out.source;

/** Any failure to get a usable answer from the source. Messages never contain the API key. */
public abstract class SourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SourceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying the same request again later may succeed. */
    public abstract boolean retryable();
}

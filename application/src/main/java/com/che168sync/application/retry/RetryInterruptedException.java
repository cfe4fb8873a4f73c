package com.che168sync.application.retry;

/**
 * The thread was interrupted (shutdown) while waiting between attempts. The interrupt flag is set again; the
 * last error is the cause.
 */
public final class RetryInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int attempts;

    public RetryInterruptedException(String operation, int attempts, RuntimeException lastError) {
        super(operation + ": interrupted while waiting to retry after " + attempts
                + (attempts == 1 ? " attempt" : " attempts"), lastError);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}

package com.che168sync.application.port.in.api;

/**
 * A request the API refuses (HTTP 400): names the culprit parameter and says what is wrong with it, in words safe to
 * show to the client (never echoes more than a short, cleaned excerpt of the value).
 */
public final class InvalidQueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidQueryException(String parameter, String message) {
        super(message, null, false, false);
        this.parameter = parameter;
    }

    /** The query parameter (or header, or path segment) at fault; null when the request as a whole is wrong. */
    public String parameter() {
        return parameter;
    }
}

package com.che168sync.application.port.out.source;

/** 401/403: the key is wrong or expired. Final: never retried. */
public final class SourceAuthException extends SourceException {
    private static final long serialVersionUID = 1L;

    public SourceAuthException(String message) {
        super(message, null);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}

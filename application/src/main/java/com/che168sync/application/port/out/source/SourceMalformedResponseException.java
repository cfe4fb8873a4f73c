package com.che168sync.application.port.out.source;

/**
 * A syntactically valid answer that breaks the feed's contract: missing {@code meta}, {@code next_page} not
 * after the page asked for, a change cursor that does not advance, an item without {@code inner_id}. We fail
 * closed instead of looping; the caller's retry policy decides whether to ask again.
 */
public final class SourceMalformedResponseException extends SourceException {
    private static final long serialVersionUID = 1L;

    public SourceMalformedResponseException(String message) {
        super(message, null);
    }

    public SourceMalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}

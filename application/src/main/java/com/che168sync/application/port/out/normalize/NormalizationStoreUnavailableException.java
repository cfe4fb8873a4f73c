package com.che168sync.application.port.out.normalize;

/**
 * The database itself failed (a lost connection, a shutdown, no connection to be had), not a record: no record is at
 * fault, so none is isolated, marked or parked; the run stops and the rows stay queued for the next one.
 */
public final class NormalizationStoreUnavailableException extends NormalizationStoreException {
    private static final long serialVersionUID = 1L;

    public NormalizationStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package com.che168sync.application.port.out.ingest;

/** The database failed a read or a transaction of the ingest jobs; the transaction was rolled back. */
public final class IngestStorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IngestStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}

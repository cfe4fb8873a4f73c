package com.che168sync.adapter.postgres;

/**
 * The database cannot be reached or prepared (wrong host, port, user or password, server down, embedded server not
 * startable). The message says which server and what to check; it never contains the password.
 */
public final class DatabaseUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

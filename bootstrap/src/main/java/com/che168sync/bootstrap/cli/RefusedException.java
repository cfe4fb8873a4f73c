package com.che168sync.bootstrap.cli;

/**
 * A command refuses to run (another run holds the lock, a precondition is not met): the CLI prints the message, no
 * stack trace, and exits with {@link ExitCode#REFUSED}.
 */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}

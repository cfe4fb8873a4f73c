package com.che168sync.bootstrap.cli;

/** Exit codes of every command (docs/rules.md#commands-and-exit-codes); scripts and cron depend on them. */
public final class ExitCode {
    /** Finished without any error. */
    public static final int OK = 0;
    /** Finished, but with errors (details in the log and in operations_log). */
    public static final int ERRORS = 1;
    /** Refused: bad arguments or settings, or another run holds the lock. Nothing was changed. */
    public static final int REFUSED = 2;

    private ExitCode() {
    }
}

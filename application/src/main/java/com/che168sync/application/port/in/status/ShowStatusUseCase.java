package com.che168sync.application.port.in.status;

/** The state of the mirror at a glance, for the operator (and the API's statistics). */
public interface ShowStatusUseCase {
    /** How many recent operations a report lists by default. */
    int DEFAULT_RECENT = 10;

    StatusReport status(int recentOperations);
}

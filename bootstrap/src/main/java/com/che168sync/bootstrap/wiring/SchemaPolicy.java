package com.che168sync.bootstrap.wiring;

/** What opening the database does to its schema, chosen by the command that runs. */
public enum SchemaPolicy {
    /** Apply pending Flyway migrations (every job command: the schema follows the program). */
    MIGRATE,
    /**
     * Only check that every migration is applied, refusing to start otherwise ({@code serve}: a long-running server
     * starts in well under a second of database work and never changes the schema under a running job).
     */
    VERIFY
}

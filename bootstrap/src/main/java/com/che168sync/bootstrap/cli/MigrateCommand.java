package com.che168sync.bootstrap.cli;

import com.che168sync.adapter.postgres.PostgresDatabase;
import picocli.CommandLine.Command;

/**
 * {@code che168 migrate}: applies pending Flyway migrations (every command but {@code serve} also does so on start;
 * {@code serve} only checks the schema is current and tells the operator to run this otherwise).
 */
@Command(name = "migrate", description = "Apply pending database migrations.")
public final class MigrateCommand extends AppCommand {
    @Override
    public Integer call() {
        PostgresDatabase database = app().database(); // opening migrates
        out().println("Database: " + database.description());
        // the migrations this run applied are logged as it opened the database ("Applied N database migration(s)")
        out().println("Schema is at version " + database.schemaVersion().orElse("?") + ", up to date.");
        return ExitCode.OK;
    }
}

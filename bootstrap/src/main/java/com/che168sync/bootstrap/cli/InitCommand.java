package com.che168sync.bootstrap.cli;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.port.in.tokens.InitialTokens;
import com.che168sync.bootstrap.wiring.DatabaseModule;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * {@code che168 init}: the first set-up. Creates the database on an external server when it is missing and
 * {@code DB_USER} may create databases (else says how to create it), the schema and, when the database has no API
 * token at all, the 20 tokens, printed once on standard output (never logged). Safe to run again: it then creates nothing.
 */
@Command(name = "init", description = {
        "Create the database (when missing and DB_USER may), the schema and, when there are none, the 20 API "
                + "tokens (printed once).",
        "Safe to run again: existing tokens are kept and none are added."})
public final class InitCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger(InitCommand.class);

    @Override
    public Integer call() {
        if (PostgresDatabase.createDatabaseIfMissing(DatabaseModule.postgresSettings(settings().db()))) {
            LOG.info("Init: created the database {} (owner {})", settings().db().name(), settings().db().user());
        }
        PostgresDatabase database = app().database(); // opening creates / migrates the schema
        String version = database.schemaVersion().orElse("?");
        PrintWriter out = out();
        out.println("Database: " + database.description());
        out.println("Schema is at version " + version + ".");
        return switch (app().tokens().createInitialIfNone()) {
            case InitialTokens.Created created -> {
                out.println();
                out.println("Created " + created.tokens().size() + " API tokens. They are shown only this once: "
                        + "hand them out and keep them safe.");
                out.println();
                out.println("   ID  TOKEN");
                for (ApiToken token : created.tokens()) {
                    out.printf("%5d  %s%n", token.id(), token.token());
                }
                out.println();
                out.println("Note to whom each goes: ./che168 tokens describe <ID> \"<recipient>\"");
                LOG.info("Init: schema at version {}, created {} API tokens", version, created.tokens().size());
                yield ExitCode.OK;
            }
            case InitialTokens.AlreadyPresent present -> {
                out.println("API tokens exist already (" + present.count() + "); none created. "
                        + "See ./che168 tokens list, or ./che168 tokens create for more.");
                LOG.info("Init: schema at version {}, {} API tokens already present", version, present.count());
                yield ExitCode.OK;
            }
            case InitialTokens.Busy busy -> throw new RefusedException(
                    "Another init is creating the API tokens right now; try again when it has finished.");
        };
    }
}

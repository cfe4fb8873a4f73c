package com.che168sync.bootstrap.cli;

import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.wiring.AppComponent;
import com.che168sync.bootstrap.wiring.SchemaPolicy;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command: {@link #call()} returns an {@link ExitCode}. The settings are loaded and logging is set up
 * before {@code call()} runs; {@link #app()} gives the Dagger component. Write results for the operator to
 * {@link #out()}, problems to the log (or throw {@link RefusedException} / {@code SettingsException} for exit 2).
 */
@Command
public abstract class AppCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    /**
     * What opening the database does to the schema for this command: {@link SchemaPolicy#MIGRATE} (the default)
     * applies pending migrations; a command that must start fast and never change the schema returns
     * {@link SchemaPolicy#VERIFY}.
     */
    protected SchemaPolicy schemaPolicy() {
        return SchemaPolicy.MIGRATE;
    }

    /** The object graph of this run (created on first use). */
    protected AppComponent app() {
        return root().app();
    }

    /** The validated settings of this run. */
    protected Settings settings() {
        return root().settings();
    }

    /** Standard output, for results the operator reads or pipes. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, for problems the operator must see. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    private Che168Command root() {
        return (Che168Command) spec.root().userObject();
    }
}

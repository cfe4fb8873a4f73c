package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 demo}. */
@Command(name = "demo", description = "Demo on a fresh machine: embedded PostgreSQL + sandbox, init, load, normalize, serve.")
public final class DemoCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

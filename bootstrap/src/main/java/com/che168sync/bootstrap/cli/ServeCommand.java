package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 serve}. */
@Command(name = "serve", description = "Run the public REST API server.")
public final class ServeCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 init}. */
@Command(name = "init", description = "Create the schema and, when there are none, the 20 API tokens (printed once).")
public final class InitCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

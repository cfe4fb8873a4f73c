package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 update}. */
@Command(name = "update", description = "Daily update: apply the source's change feed for every day since the last successful one.")
public final class UpdateCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

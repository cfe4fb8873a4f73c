package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 migrate}. */
@Command(name = "migrate", description = "Apply pending database migrations.")
public final class MigrateCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 status}. */
@Command(name = "status", description = "Show table counts, the sync state, the load checkpoint and the last operations.")
public final class StatusCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

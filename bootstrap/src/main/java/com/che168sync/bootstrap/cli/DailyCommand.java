package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 daily}. */
@Command(name = "daily", description = "The cron entry point: update, then normalize.")
public final class DailyCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

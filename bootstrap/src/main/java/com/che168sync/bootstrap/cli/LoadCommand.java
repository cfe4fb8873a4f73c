package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 load}. */
@Command(name = "load", description = "Initial load: page through the source's /offers into raw_data (resumes after an interruption).")
public final class LoadCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

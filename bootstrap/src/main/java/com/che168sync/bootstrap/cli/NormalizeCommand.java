package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 normalize}. */
@Command(name = "normalize", description = "Turn unprocessed raw_data rows into typed processed_data rows, in batches.")
public final class NormalizeCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

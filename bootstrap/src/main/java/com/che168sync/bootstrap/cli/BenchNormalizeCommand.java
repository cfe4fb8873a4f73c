package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 bench normalize}. */
@Command(name = "normalize", description = "Benchmark normalization at full size.")
public final class BenchNormalizeCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

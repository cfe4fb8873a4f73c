package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 bench api}. */
@Command(name = "api", description = "Benchmark the public API with concurrent clients.")
public final class BenchApiCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 bench ingest}. */
@Command(name = "ingest", description = "Benchmark the initial load and the daily update against the sandbox.")
public final class BenchIngestCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

package com.che168sync.bench;

import com.che168sync.bootstrap.cli.AppCommand;
import com.che168sync.bootstrap.cli.ExitCode;
import picocli.CommandLine.Command;

/** {@code che168 bench}: a group of subcommands. */
@Command(name = "bench", description = "Benchmarks against the sandbox at full size (results for docs/PERFORMANCE.md).", subcommands = {BenchIngestCommand.class, BenchNormalizeCommand.class, BenchApiCommand.class})
public final class BenchCommand extends AppCommand {
    /** Without a subcommand: the usage, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return ExitCode.REFUSED;
    }
}

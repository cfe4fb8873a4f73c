package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 sandbox}. */
@Command(name = "sandbox", description = "Run the sandbox: a faithful fake of the source feed, for demos, tests and benchmarks.")
public final class SandboxCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

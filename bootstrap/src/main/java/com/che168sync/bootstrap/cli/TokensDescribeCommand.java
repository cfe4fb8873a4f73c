package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 tokens describe}. */
@Command(name = "describe", description = "Set the description of an API token (to whom it was issued).")
public final class TokensDescribeCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

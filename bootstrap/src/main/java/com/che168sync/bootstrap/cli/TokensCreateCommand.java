package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 tokens create}. */
@Command(name = "create", description = "Create new API tokens and print them once.")
public final class TokensCreateCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

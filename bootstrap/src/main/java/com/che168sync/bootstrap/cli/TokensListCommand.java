package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 tokens list}. */
@Command(name = "list", description = "List the API tokens: description, created, expires, last used, revoked.")
public final class TokensListCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 tokens revoke}. */
@Command(name = "revoke", description = "Revoke an API token: it stops working at once.")
public final class TokensRevokeCommand extends AppCommand {
    @Override
    public Integer call() {
        return notBuiltYet();
    }
}

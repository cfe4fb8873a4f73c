package com.che168sync.bootstrap.cli;

import picocli.CommandLine.Command;

/** {@code che168 tokens}: a group of subcommands. */
@Command(name = "tokens", description = "Manage the API tokens of the frontend.", subcommands = {TokensCreateCommand.class, TokensListCommand.class, TokensRevokeCommand.class, TokensDescribeCommand.class})
public final class TokensCommand extends AppCommand {
    /** Without a subcommand: the usage, and exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return ExitCode.REFUSED;
    }
}

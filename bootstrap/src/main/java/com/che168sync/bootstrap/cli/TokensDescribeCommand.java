package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.tokens.TokenRef;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code che168 tokens describe <ID|TOKEN> <DESCRIPTION...>}. */
@Command(name = "describe", description = "Set the description of an API token (to whom it was issued). "
        + "An empty description (\"\") clears it.")
public final class TokensDescribeCommand extends AppCommand {
    @Parameters(index = "0", paramLabel = "ID|TOKEN", converter = TokenRefConverter.class,
            description = "The token's id (see tokens list) or the token itself.")
    private TokenRef token;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "DESCRIPTION",
            description = "Free text, e.g. \"frontend team, staging\".")
    private List<String> words;

    @Override
    public Integer call() {
        try {
            return TokenChanges.report(app().tokens().describe(token, String.join(" ", words)), "Described", out());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}

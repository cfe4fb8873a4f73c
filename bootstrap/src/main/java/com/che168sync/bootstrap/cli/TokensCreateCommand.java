package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.port.in.tokens.CreateTokensCommand;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code che168 tokens create [--count N] [--description TEXT] [--expires DATE]}: prints the new tokens once. */
@Command(name = "create", description = "Create new API tokens and print them once (they are never shown again "
        + "in full).")
public final class TokensCreateCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TokensCreateCommand.class);

    @Option(names = "--count", paramLabel = "N", defaultValue = "1",
            description = "How many tokens (1.." + CreateTokensCommand.MAX_COUNT + ", default ${DEFAULT-VALUE}).")
    private int count;

    @Option(names = "--description", paramLabel = "TEXT", description = "To whom they are issued.")
    private String description;

    @Option(names = "--expires", paramLabel = "DATE",
            description = "Last day they work (YYYY-MM-DD, UTC); default: they never expire.")
    private LocalDate expires;

    @Override
    public Integer call() {
        Instant expiresAt = expires == null ? null : expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (expiresAt != null && !expiresAt.isAfter(app().clock().instant())) {
            throw new ParameterException(spec.commandLine(), "--expires " + expires + " is in the past");
        }
        CreateTokensCommand command;
        try {
            command = new CreateTokensCommand(count, description, expiresAt);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ApiToken> created = app().tokens().create(command);
        out().println("Created " + created.size() + " API token(s)" + (expiresAt == null ? "" : ", valid until the "
                + Formats.expiry(expiresAt) + " (UTC)") + ". Shown only this once:");
        out().println("   ID  TOKEN");
        for (ApiToken token : created) {
            out().printf("%5d  %s%n", token.id(), token.token());
        }
        LOG.info("Created {} API token(s), ids {}", created.size(),
                created.stream().map(t -> Integer.toString(t.id())).toList());
        return ExitCode.OK;
    }
}

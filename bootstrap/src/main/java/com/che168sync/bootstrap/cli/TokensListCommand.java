package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.out.tokens.ApiToken;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code che168 tokens list}: every token with its state. The middle of each token is hidden unless
 * {@code --show-tokens} is given, so a listing can be pasted into a ticket or shown on a shared screen; revoke and
 * describe take the id.
 */
@Command(name = "list", description = {
        "List the API tokens: id, token (middle hidden), status, created, expires, last used, revoked, description.",
        "Times are local; 'end of DAY' is the last day given to tokens create --expires (UTC).",
        "Use the ID with tokens revoke / tokens describe."})
public final class TokensListCommand extends AppCommand {
    @Option(names = "--show-tokens", description = "Show the tokens in full.")
    private boolean showTokens;

    @Override
    public Integer call() {
        List<ApiToken> tokens = app().tokens().list();
        Instant now = app().clock().instant();
        PrintWriter out = out();
        if (tokens.isEmpty()) {
            out.println("No API tokens yet: ./che168 init creates the first 20.");
            return ExitCode.OK;
        }
        String format = "%5s  %-16s  %-7s  %-16s  %-17s  %-16s  %-16s  %s%n";
        out.printf(format, "ID", "TOKEN", "STATUS", "CREATED", "EXPIRES", "LAST USED", "REVOKED", "DESCRIPTION");
        long active = 0;
        for (ApiToken t : tokens) {
            ApiToken.Status status = t.status(now);
            if (status == ApiToken.Status.ACTIVE) {
                active++;
            }
            out.printf(format, t.id(), showTokens ? t.token() : t.masked(), status.name().toLowerCase(),
                    Formats.minute(t.createdAt()), Formats.expiry(t.expiresAt()),
                    t.lastUsedAt() == null ? "never" : Formats.minute(t.lastUsedAt()), Formats.minute(t.revokedAt()),
                    t.descriptionText().orElse(""));
        }
        out.println(tokens.size() + " token(s), " + active + " active.");
        return ExitCode.OK;
    }
}

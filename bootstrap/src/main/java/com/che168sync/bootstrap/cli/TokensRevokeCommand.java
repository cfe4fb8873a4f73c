package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.tokens.TokenChange;
import com.che168sync.application.port.in.tokens.TokenRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code che168 tokens revoke <ID|TOKEN>}. */
@Command(name = "revoke", description = "Revoke an API token: it stops working at once (the API may take up to "
        + "api.token_cache_ttl to notice).")
public final class TokensRevokeCommand extends AppCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TokensRevokeCommand.class);

    @Parameters(index = "0", paramLabel = "ID|TOKEN", converter = TokenRefConverter.class,
            description = "The token's id (see tokens list) or the token itself.")
    private TokenRef token;

    @Override
    public Integer call() {
        TokenChange change = app().tokens().revoke(token);
        if (change instanceof TokenChange.Changed changed) { // revoking a revoked token changes (and logs) nothing
            LOG.info("API token {} revoked", changed.token().id());
        }
        return TokenChanges.report(change, "Revoked", out());
    }
}

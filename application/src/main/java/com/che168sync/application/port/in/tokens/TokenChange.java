package com.che168sync.application.port.in.tokens;

import com.che168sync.application.port.out.tokens.ApiToken;

/** The outcome of revoking or describing a token. */
public sealed interface TokenChange permits TokenChange.Changed, TokenChange.Unchanged, TokenChange.NotFound {
    /** Done; {@code token} is the row after the change. */
    record Changed(ApiToken token) implements TokenChange {
    }

    /** Nothing to do (e.g. already revoked); {@code reason} says why. */
    record Unchanged(ApiToken token, String reason) implements TokenChange {
    }

    /** No such token. */
    record NotFound(TokenRef ref) implements TokenChange {
    }
}

package com.che168sync.application.port.in.tokens;

import com.che168sync.application.port.out.tokens.ApiToken;
import java.util.List;

/** The operator's handling of API tokens (CLI only; there is no admin UI). */
public interface ManageTokensUseCase {
    /** How many tokens the first set-up creates (docs/rules.md#data-model). */
    int INITIAL_COUNT = 20;

    /** Creates {@link #INITIAL_COUNT} tokens when there is none at all; one set-up at a time. */
    InitialTokens createInitialIfNone();

    /** Creates new, unique tokens. */
    List<ApiToken> create(CreateTokensCommand command);

    /** Every token, oldest first, revoked and expired ones included. */
    List<ApiToken> list();

    /** Stops a token from working, at once. */
    TokenChange revoke(TokenRef ref);

    /** Sets (or, with a blank text, clears) the note saying to whom the token was issued. */
    TokenChange describe(TokenRef ref, String description);
}

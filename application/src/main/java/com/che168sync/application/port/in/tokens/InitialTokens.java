package com.che168sync.application.port.in.tokens;

import com.che168sync.application.port.out.tokens.ApiToken;
import java.util.List;

/** The outcome of the first set-up's token step. */
public sealed interface InitialTokens permits InitialTokens.Created, InitialTokens.AlreadyPresent,
        InitialTokens.Busy {
    /** The database had no token: these were created (print them once). */
    record Created(List<ApiToken> tokens) implements InitialTokens {
        public Created {
            tokens = List.copyOf(tokens);
        }
    }

    /** Tokens exist already: none created. */
    record AlreadyPresent(int count) implements InitialTokens {
    }

    /** Another set-up runs right now. */
    record Busy() implements InitialTokens {
    }
}

package com.che168sync.application.port.out.api;

import com.che168sync.application.port.out.tokens.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The token table, as the API's authenticator reads and touches it. */
public interface LoadApiTokensPort {
    /** Every token, revoked and expired ones included (the table is small: tens to a few thousand rows). */
    List<ApiToken> loadTokens();

    /** Sets {@code last_used_at} of these token ids to the given times (never moves one backwards). */
    void recordLastUsed(Map<Integer, Instant> lastUsed);
}

package com.che168sync.application.port.out.tokens;

import com.che168sync.application.port.out.tokens.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** api_tokens as the token use cases need it. */
public interface ApiTokenStorePort {
    /** Number of tokens, revoked and expired included. */
    int count();

    /** Inserts the token; empty when that exact token exists already (the caller draws another). */
    Optional<ApiToken> insertIfAbsent(String token, Instant createdAt, Instant expiresAt, String description);

    /** All tokens, oldest first. */
    List<ApiToken> findAll();

    Optional<ApiToken> findById(int id);

    Optional<ApiToken> findByToken(String token);

    /** Sets revoked_at unless already set; returns the row afterwards. */
    Optional<ApiToken> revoke(int id, Instant at);

    /** Sets the description (null clears it); returns the row afterwards. */
    Optional<ApiToken> describe(int id, String description);
}

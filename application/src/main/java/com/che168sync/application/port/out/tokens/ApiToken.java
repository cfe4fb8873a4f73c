package com.che168sync.application.port.out.tokens;

import com.che168sync.application.port.out.tokens.TokenFormat;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of api_tokens: a key the frontend sends as {@code Authorization: Bearer <token>} (or {@code X-API-Key}).
 * A token works while it is neither revoked nor expired.
 *
 * @param expiresAt   null = never
 * @param description to whom it was issued (set by the operator), may be null
 * @param lastUsedAt  null = never used
 * @param revokedAt   null = not revoked
 */
public record ApiToken(int id, String token, Instant createdAt, Instant expiresAt, String description,
                       Instant lastUsedAt, Instant revokedAt) {
    public ApiToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the token works at {@code now}. */
    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return Status.EXPIRED;
        }
        return Status.ACTIVE;
    }

    /** The token with its middle hidden ({@code AbCd********WxYz}), for listings that may be shared or shown. */
    public String masked() {
        return TokenFormat.mask(token);
    }

    public Optional<String> descriptionText() {
        return Optional.ofNullable(description);
    }

    /** A token's state. */
    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", token=" + masked() + ", createdAt=" + createdAt + ", expiresAt=" + expiresAt
                + ", description=" + description + ", lastUsedAt=" + lastUsedAt + ", revokedAt=" + revokedAt + "]";
    }
}

package com.che168sync.application.api;

import java.time.Instant;

/**
 * A row of {@code api_tokens} as the authenticator needs it. {@link #toString()} never shows the token.
 *
 * @param id          row id
 * @param token       the secret (16 characters {@code [A-Za-z0-9]})
 * @param description to whom it was issued (may be null)
 * @param expiresAt   null = never
 * @param revokedAt   null = not revoked
 */
public record ApiToken(int id, String token, String description, Instant expiresAt, Instant revokedAt) {
    @Override
    public String toString() {
        return "ApiToken[id=" + id + ", description=" + description + "]";
    }
}

package com.che168sync.application.port.in.tokens;

import java.time.Instant;

/**
 * Create {@code count} new tokens.
 *
 * @param description to whom they are issued (optional, at most 500 characters)
 * @param expiresAt   when they stop working (optional: never)
 */
public record CreateTokensCommand(int count, String description, Instant expiresAt) {
    /** The most tokens one command creates. */
    public static final int MAX_COUNT = 1000;

    public CreateTokensCommand {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT + ", got " + count);
        }
        description = Descriptions.clean(description);
    }
}

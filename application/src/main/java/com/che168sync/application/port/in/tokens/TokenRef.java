package com.che168sync.application.port.in.tokens;

import com.che168sync.application.port.out.tokens.TokenFormat;

/**
 * How the operator names a token on the command line: its id (as shown by {@code tokens list}) or the token itself.
 */
public sealed interface TokenRef permits TokenRef.ById, TokenRef.ByToken {
    /** By id. */
    record ById(int id) implements TokenRef {
        public ById {
            if (id <= 0) {
                throw new IllegalArgumentException("a token id is a positive number, got " + id);
            }
        }

        @Override
        public String toString() {
            return "id " + id;
        }
    }

    /** By the token's value. */
    record ByToken(String token) implements TokenRef {
        public ByToken {
            if (!TokenFormat.isWellFormed(token)) {
                throw new IllegalArgumentException("not a token (16 letters and digits)");
            }
        }

        @Override
        public String toString() {
            return "token " + TokenFormat.mask(token);
        }
    }

    /**
     * Parses an id ({@code 7}) or a token ({@code AbCd1234EfGh5678}).
     *
     * @throws IllegalArgumentException naming what is wrong (without echoing a would-be token)
     */
    static TokenRef parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.matches("\\d{1,9}")) {
            return new ById(Integer.parseInt(value));
        }
        if (TokenFormat.isWellFormed(value)) {
            return new ByToken(value);
        }
        throw new IllegalArgumentException("'" + (value.length() > 20 ? value.substring(0, 20) + "..." : value)
                + "' is neither a token id nor a 16-character token");
    }
}

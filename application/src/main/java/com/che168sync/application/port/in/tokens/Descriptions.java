package com.che168sync.application.port.in.tokens;

/** The operator's note on a token: trimmed, no control characters, at most 500 characters; blank = none. */
public final class Descriptions {
    public static final int MAX_LENGTH = 500;

    private Descriptions() {
    }

    public static String clean(String description) {
        if (description == null || description.isBlank()) {
            return null;
        }
        String value = description.strip();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("description is longer than " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("description must be one line of text (no control characters)");
        }
        return value;
    }
}

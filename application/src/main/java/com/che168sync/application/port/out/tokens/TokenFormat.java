package com.che168sync.application.port.out.tokens;

import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** The shape of an API token (docs/rules.md#data-model): 16 characters {@code [A-Za-z0-9]}, drawn from a SecureRandom. */
public final class TokenFormat {
    /** Characters a token is made of. */
    public static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    /** Length of every token. */
    public static final int LENGTH = 16;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9]{" + LENGTH + "}");

    private TokenFormat() {
    }

    /** A new token; {@code random} must be a {@code java.security.SecureRandom} outside tests. */
    public static String generate(RandomGenerator random) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    /** True for a string of the token's shape (says nothing about whether it exists). */
    public static boolean isWellFormed(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches();
    }

    /** First and last four characters, the middle as {@code *}. */
    public static String mask(String token) {
        if (token.length() <= 8) {
            return "*".repeat(token.length());
        }
        return token.substring(0, 4) + "*".repeat(token.length() - 8) + token.substring(token.length() - 4);
    }
}

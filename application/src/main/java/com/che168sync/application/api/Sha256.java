package com.che168sync.application.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the request path (token lookup, ETags, cursors): each digest is a copy of one prototype, since looking
 * the algorithm up among the security providers on every request cost more than the hashing.
 */
public final class Sha256 {
    private static final MessageDigest PROTOTYPE = create();

    private Sha256() {
    }

    public static byte[] digest(byte[] input) {
        try {
            return ((MessageDigest) PROTOTYPE.clone()).digest(input);
        } catch (CloneNotSupportedException e) {
            return create().digest(input);
        }
    }

    private static MessageDigest create() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

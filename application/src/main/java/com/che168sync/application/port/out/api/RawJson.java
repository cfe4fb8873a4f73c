package com.che168sync.application.port.out.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A JSON document exactly as the database returned it: its UTF-8 bytes, never parsed nor decoded into a Java string
 * on the way from the database to the response (a page of listings is ~50 KB of them). The bytes are shared, not
 * copied: nobody may modify the array.
 */
public final class RawJson {
    private static final RawJson NULL = new RawJson("null".getBytes(StandardCharsets.US_ASCII));

    private final byte[] utf8;

    private RawJson(byte[] utf8) {
        this.utf8 = utf8;
    }

    /** The document of these UTF-8 bytes (taken as they are); JSON {@code null} for a null array. */
    public static RawJson ofUtf8(byte[] utf8) {
        return utf8 == null ? NULL : new RawJson(utf8);
    }

    public static RawJson of(String json) {
        return json == null ? NULL : new RawJson(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes themselves (not a copy: read only). */
    public byte[] utf8() {
        return utf8;
    }

    public int length() {
        return utf8.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson other && Arrays.equals(utf8, other.utf8);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(utf8);
    }

    /** The document as text. */
    @Override
    public String toString() {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}

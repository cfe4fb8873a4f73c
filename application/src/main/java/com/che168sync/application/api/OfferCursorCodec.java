package com.che168sync.application.api;

import com.che168sync.application.port.in.api.InvalidQueryException;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferSort;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code cursor} of {@code GET /offers}: where the previous page ended (sort key and id), the number of
 * the page it leads to, and a fingerprint of the filters and order it belongs to, signed with HMAC-SHA256. A cursor
 * that was altered, truncated, or is used with other filters or another order is refused (400, parameter
 * {@code cursor}); it never reaches SQL. The key is {@code SECRET_KEY} when set, else a built-in one (then the
 * signature only detects tampering by clients that have not read this source).
 */
public final class OfferCursorCodec {
    private static final String VERSION = "c1";
    private static final int MAC_BYTES = 12;
    private static final int MAX_LENGTH = 300;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Keyed once; each signature is made by a copy (the provider lookup and key set-up cost more than the MAC). */
    private final Mac prototype;

    public OfferCursorCodec(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the cursor key needs at least 16 bytes");
        }
        try {
            this.prototype = Mac.getInstance("HmacSHA256");
            prototype.init(new SecretKeySpec(secret.clone(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** A codec whose key is derived from a text secret (e.g. {@code SECRET_KEY}); a null/blank secret → built-in. */
    public static OfferCursorCodec fromSecret(String secret) {
        String material = secret == null || secret.isBlank() ? "che168-sync offers cursor (built-in key)" : secret;
        try {
            return new OfferCursorCodec(MessageDigest.getInstance("SHA-256")
                    .digest(("cursor:" + material).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A decoded cursor: start after {@code after}; the page it opens is {@code page}. */
    public record Position(Keyset after, int page) {
    }

    public String encode(OfferSort sort, OfferFilter filter, Keyset after, int page) {
        String payload = VERSION + "|" + sort.parameter() + "|" + (after.sortKey() == null ? "~" : after.sortKey())
                + "|" + after.id() + "|" + page + "|" + fingerprint(filter, sort);
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return B64.encodeToString(body) + "." + B64.encodeToString(Arrays.copyOf(mac(body), MAC_BYTES));
    }

    /**
     * Checks and opens a cursor for a request with these filters and order.
     *
     * @throws InvalidQueryException when the cursor is malformed, altered or belongs to another query
     */
    public Position decode(String cursor, OfferSort sort, OfferFilter filter) {
        if (cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        int dot = cursor.indexOf('.');
        if (dot <= 0 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        byte[] body;
        byte[] signature;
        try {
            body = B64D.decode(cursor.substring(0, dot));
            signature = B64D.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (signature.length != MAC_BYTES || !MessageDigest.isEqual(signature, Arrays.copyOf(mac(body), MAC_BYTES))) {
            throw invalid();
        }
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 6 || !VERSION.equals(parts[0])) {
            throw invalid();
        }
        if (!sort.parameter().equals(parts[1])) {
            throw new InvalidQueryException("cursor", "the cursor belongs to sort=" + parts[1]
                    + "; keep the filters and sort of the page that gave it");
        }
        if (!fingerprint(filter, sort).equals(parts[5])) {
            throw new InvalidQueryException("cursor",
                    "the cursor belongs to other filters; keep the filters and sort of the page that gave it");
        }
        try {
            Long sortKey = "~".equals(parts[2]) ? null : Long.parseLong(parts[2]);
            long id = Long.parseLong(parts[3]);
            int page = Integer.parseInt(parts[4]);
            if (id < 0 || page < 2) {
                throw invalid();
            }
            return new Position(new Keyset(sortKey, id), page);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static InvalidQueryException invalid() {
        return new InvalidQueryException("cursor", "the cursor is not valid: pass next_cursor exactly as received");
    }

    private byte[] mac(byte[] body) {
        try {
            return ((Mac) prototype.clone()).doFinal(body);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JVM's HmacSHA256 cannot be copied", e);
        }
    }

    private static String fingerprint(OfferFilter filter, OfferSort sort) {
        byte[] digest = Sha256.digest((sort.parameter() + "\u0002" + filter.canonical())
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}

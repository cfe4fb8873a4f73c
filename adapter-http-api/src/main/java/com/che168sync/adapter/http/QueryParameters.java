package com.che168sync.adapter.http;

import io.helidon.common.uri.UriValidator;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The query string, parsed strictly from its raw form: percent-encoding and UTF-8 must be valid, every name must be
 * one the route accepts, and no name may be given twice. (Helidon's own check of the query is off, so that raw UTF-8
 * gets a message naming the parameter; the same check runs here.) Any violation is a 400 naming the parameter. An empty value
 * ({@code mark=}) counts as absent.
 */
final class QueryParameters {
    static final int MAX_QUERY_LENGTH = 4096;
    private static final int MAX_NAME_SHOWN = 40;

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    static QueryParameters parse(String rawQuery, Set<String> accepted) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        if (rawQuery.length() > MAX_QUERY_LENGTH) {
            throw ApiError.badRequest(null, "the query string is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        checkAscii(rawQuery);
        try {
            UriValidator.validateQuery(rawQuery);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(null, "the query string holds a character that must be percent-encoded");
        }
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decode(rawName, null);
            if (!accepted.contains(name)) {
                String shown = printable(name);
                throw ApiError.badRequest(shown, "unknown parameter '" + shown + "'; accepted: "
                        + String.join(", ", accepted.stream().sorted().toList()));
            }
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (values.containsKey(name)) {
                throw ApiError.badRequest(name, name + " is given more than once");
            }
            values.put(name, value);
        }
        values.values().removeIf(String::isEmpty);
        return new QueryParameters(values);
    }

    /**
     * The request's normalized parameters: decoded, empty ones left out, in name order (the same for {@code a=1&b=2}
     * and {@code b=2&a=1}, or for {@code %61=1} and {@code a=1}).
     */
    String canonical() {
        StringBuilder b = new StringBuilder(64);
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0000'));
        return b.toString();
    }

    String text(String name) {
        return values.get(name);
    }

    Integer integer(String name) {
        Long v = number(name);
        if (v == null) {
            return null;
        }
        if (v > Integer.MAX_VALUE) {
            throw ApiError.badRequest(name, name + " is out of range");
        }
        return v.intValue();
    }

    Long number(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiError.badRequest(name, v.chars().allMatch(c -> c >= '0' && c <= '9')
                    ? name + " is out of range" : name + " must be a whole number (digits only)");
        }
        return Long.parseLong(v);
    }

    /** Percent-decoding with '+' as space, the bytes as strict UTF-8. */
    static String decode(String raw, String parameter) {
        if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
            checkChars(raw, parameter);
            return raw;
        }
        byte[] bytes = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes[n++] = ' ';
            } else if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw badEncoding(parameter);
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw badEncoding(parameter);
                }
                bytes[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else {
                throw badEncoding(parameter);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw ApiError.badRequest(parameter, (parameter == null ? "a parameter name" : parameter)
                    + " is not valid UTF-8");
        }
    }

    /**
     * The request line is read as ASCII, so raw UTF-8 ({@code curl 'http://…?city=北京'}) arrives as replacement
     * characters: refused with a message that says how to send it, naming the parameter when it is in a value.
     */
    private static void checkAscii(String rawQuery) {
        for (int i = 0; i < rawQuery.length(); i++) {
            if (rawQuery.charAt(i) >= 0x80) {
                int start = rawQuery.lastIndexOf('&', i) + 1;
                int eq = rawQuery.indexOf('=', start);
                String parameter = eq > start && eq < i ? printable(decodeName(rawQuery.substring(start, eq))) : null;
                throw ApiError.badRequest(parameter, (parameter == null ? "a parameter name" : parameter)
                        + " holds characters that are not percent-encoded: send non-ASCII text as percent-encoded "
                        + "UTF-8 (北京 → %E5%8C%97%E4%BA%AC; with curl: curl -G --data-urlencode 'city=北京' …)");
            }
        }
    }

    private static String decodeName(String rawName) {
        try {
            return decode(rawName, null);
        } catch (ApiError e) {
            return "?";
        }
    }

    private static void checkChars(String raw, String parameter) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) >= 0x80) {
                throw badEncoding(parameter);
            }
        }
    }

    private static ApiError badEncoding(String parameter) {
        return ApiError.badRequest(parameter, (parameter == null ? "a parameter name" : parameter)
                + " is not correctly percent-encoded");
    }

    /** A parameter name as it may be shown in a message: letters, digits, {@code _-.}, else '?'. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(MAX_NAME_SHOWN).forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.') {
                b.appendCodePoint(cp);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }
}

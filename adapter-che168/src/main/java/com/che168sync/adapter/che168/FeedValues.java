package com.che168sync.adapter.che168;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/** Tolerant readings of the feed's scalar values (numbers sent as strings, timestamps with or without offset). */
final class FeedValues {
    /**
     * The feed's local time when a timestamp carries no offset [guess: Moscow time, like the day boundary of
     * {@code /change_id}]. Documented timestamps always carry {@code Z} or {@code +03:00}.
     */
    static final ZoneOffset SOURCE_LOCAL_OFFSET = ZoneOffset.ofHours(3);

    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private FeedValues() {
    }

    /**
     * A timestamp as a UTC instant: ISO-8601 with {@code Z}, {@code +03:00}, {@code +0300} or no offset (then
     * {@link #SOURCE_LOCAL_OFFSET}), {@code T} or a space between date and time, any fraction of a second.
     *
     * @return the instant, or null when the text is blank or not a timestamp
     */
    static Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            TemporalAccessor parsed = TIMESTAMP.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
            if (parsed instanceof OffsetDateTime odt) {
                return odt.toInstant();
            }
            return ((LocalDateTime) parsed).toInstant(SOURCE_LOCAL_OFFSET);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** An id sent as a number or a string of digits; null when absent, blank or not an integer. */
    static Long longValue(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.bitLength() < 64 ? big.longValue() : null;
        }
        if (value instanceof BigDecimal dec) {
            try {
                return dec.longValueExact();
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 9.0e15 ? (long) d : null;
        }
        if (value instanceof String s) {
            return longValue(s);
        }
        return null;
    }

    static Long longValue(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || s.length() > 19) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An inner_id sent as a string or a number, as text; null when absent or blank. */
    static String idText(Object value) {
        if (value instanceof String s) {
            String t = s.strip();
            return t.isEmpty() ? null : t;
        }
        Long n = longValue(value);
        return n == null ? null : Long.toString(n);
    }
}

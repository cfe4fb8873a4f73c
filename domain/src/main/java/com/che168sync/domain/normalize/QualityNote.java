package com.che168sync.domain.normalize;

/**
 * Something the normalizer could not take at face value. A note never stops normalization: the field becomes null
 * (or code {@code unknown}) and the note says why.
 *
 * @param field   the output field concerned ({@code price}, {@code engine_type}, …)
 * @param kind    what went wrong
 * @param value   the cleaned source value (at most 200 characters), or null
 */
public record QualityNote(String field, Kind kind, String value) {
    /** Why a value was not used as it came. */
    public enum Kind {
        /** A label no code dictionary entry matches (code {@code unknown}, source text kept). */
        UNMAPPED,
        /** A number or date outside the sane range of its field (value dropped). */
        OUT_OF_RANGE,
        /** A value that is not a number, date, boolean or URL list where one is expected (value dropped). */
        UNPARSEABLE
    }

    public QualityNote {
        if (field == null || kind == null) {
            throw new IllegalArgumentException("a quality note needs a field and a kind");
        }
        value = Text.limit(value, 200);
    }
}

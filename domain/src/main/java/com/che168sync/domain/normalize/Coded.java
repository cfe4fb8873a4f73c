package com.che168sync.domain.normalize;

/**
 * A label mapped to a stable code, with the cleaned source text kept beside it. An unknown label is never mapped
 * to a default: its code is {@link #UNKNOWN} and the text stays in {@code source}.
 *
 * @param code   a code of the field's {@link CodeDictionary}, or {@code unknown}
 * @param source the source label after NFKC and trimming (never null)
 */
public record Coded(String code, String source) {
    /** The code of a label no dictionary entry matches. */
    public static final String UNKNOWN = "unknown";

    public Coded {
        if (code == null || code.isBlank() || source == null) {
            throw new IllegalArgumentException("a coded value needs a code and its source text");
        }
    }

    /** True when the label matched no dictionary entry. */
    public boolean unmapped() {
        return UNKNOWN.equals(code);
    }
}

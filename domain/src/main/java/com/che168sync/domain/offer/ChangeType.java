package com.che168sync.domain.offer;

import java.util.Locale;
import java.util.Optional;

/** The {@code change_type} of a source item or change event, as stored in {@code raw_data.change_type}. */
public enum ChangeType {
    /** A new listing (or one that came back): {@code data} is the full listing. */
    ADDED("added"),
    /** Some fields changed: {@code data} holds only those, often {@code new_}-prefixed ({@code new_price}). */
    CHANGED("changed"),
    /** The listing left the site: {@code data} is {@code {}} or absent. */
    REMOVED("removed");

    private final String sourceName;

    ChangeType(String sourceName) {
        this.sourceName = sourceName;
    }

    /** The name the source and the database use: {@code added}, {@code changed}, {@code removed}. */
    public String sourceName() {
        return sourceName;
    }

    /**
     * The type for a name as the source sends it (case and surrounding blanks ignored), or empty for null or an
     * unknown name.
     */
    public static Optional<ChangeType> fromSource(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (ChangeType t : values()) {
            if (t.sourceName.equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

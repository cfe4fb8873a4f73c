package com.che168sync.domain.offer;

/**
 * Which job created a stored listing ({@code raw_data.source}); never changes afterwards, except that a
 * reconciliation that reactivates a removed listing marks it {@code reconcile}.
 */
public enum ListingSource {
    INITIAL_LOAD("initial_load"),
    DAILY_UPDATE("daily_update"),
    /** Stored or reactivated by a reconciliation: the change feed had missed it. */
    RECONCILE("reconcile");

    private final String dbValue;

    ListingSource(String dbValue) {
        this.dbValue = dbValue;
    }

    /** {@code initial_load}, {@code daily_update} or {@code reconcile}. */
    public String dbValue() {
        return dbValue;
    }

    /** The value for a stored name; unknown names are an {@link IllegalArgumentException} naming the value. */
    public static ListingSource fromDb(String value) {
        for (ListingSource s : values()) {
            if (s.dbValue.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown raw_data.source '" + value + "'");
    }
}

package com.che168sync.application.port.out.api;

import com.che168sync.application.port.in.api.InvalidQueryException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The orders of {@code GET /offers?sort=}. Every order ends with the row id as a tie-breaker, so pages are stable
 * and the keyset cursor is exact. Rows whose sort key is unknown (null) come last, in id order.
 */
public enum OfferSort {
    PRICE("price", SortKey.PRICE, false),
    PRICE_DESC("-price", SortKey.PRICE, true),
    YEAR("year", SortKey.YEAR, false),
    YEAR_DESC("-year", SortKey.YEAR, true),
    MILEAGE("mileage", SortKey.KM_AGE, false),
    MILEAGE_DESC("-mileage", SortKey.KM_AGE, true),
    /** Newest listing first ({@code offer_created} descending). */
    NEWEST("newest", SortKey.OFFER_CREATED, true),
    /** Oldest listing first. */
    OLDEST("oldest", SortKey.OFFER_CREATED, false);

    /** The order when the client gives none. */
    public static final OfferSort DEFAULT = NEWEST;

    private final String parameter;
    private final SortKey key;
    private final boolean descending;

    OfferSort(String parameter, SortKey key, boolean descending) {
        this.parameter = parameter;
        this.key = key;
        this.descending = descending;
    }

    /** The value of {@code sort=}; null or empty gives the default; anything unknown is refused. */
    public static OfferSort fromParameter(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT;
        }
        for (OfferSort s : values()) {
            if (s.parameter.equals(value)) {
                return s;
            }
        }
        throw new InvalidQueryException("sort", "sort must be one of " + allowed());
    }

    /** The accepted values, comma-separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(OfferSort::parameter).collect(Collectors.joining(", "));
    }

    public String parameter() {
        return parameter;
    }

    public SortKey key() {
        return key;
    }

    public boolean descending() {
        return descending;
    }

    /** The column a listing is sorted by (all are whole numbers; dates as epoch days). */
    public enum SortKey {
        PRICE, YEAR, KM_AGE, OFFER_CREATED
    }
}

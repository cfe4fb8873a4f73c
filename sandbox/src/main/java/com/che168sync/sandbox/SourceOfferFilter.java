package com.che168sync.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented filters of {@code /offers} (SOURCE_API.md): text filters compare case-insensitively with the
 * listing's value as served; ranges compare numerically with the value read as a number (a value that is not a
 * number, such as {@code 面议}, does not match a range).
 */
record SourceOfferFilter(Map<String, String> text, Map<String, BigDecimal[]> ranges) {

    static final List<String> TEXT_PARAMETERS = List.of("mark", "model", "transmission_type", "color", "body_type",
            "engine_type");
    /** Range parameter prefix → listing field. */
    static final Map<String, String> RANGE_PARAMETERS = Map.of("year", "year", "km_age", "km_age", "price", "price");
    static final SourceOfferFilter NONE = new SourceOfferFilter(Map.of(), Map.of());

    boolean isEmpty() {
        return text.isEmpty() && ranges.isEmpty();
    }

    /**
     * @param parameter the query parameter's value, or null when absent
     * @throws IllegalArgumentException naming the parameter when a range bound is not a number
     */
    static SourceOfferFilter of(java.util.function.Function<String, String> parameter) {
        Map<String, String> text = new LinkedHashMap<>();
        for (String name : TEXT_PARAMETERS) {
            String value = parameter.apply(name);
            if (value != null && !value.isBlank()) {
                text.put(name, value.strip());
            }
        }
        Map<String, BigDecimal[]> ranges = new LinkedHashMap<>();
        for (String name : List.of("year", "km_age", "price")) {
            BigDecimal from = bound(name + "_from", parameter.apply(name + "_from"));
            BigDecimal to = bound(name + "_to", parameter.apply(name + "_to"));
            if (from != null || to != null) {
                ranges.put(RANGE_PARAMETERS.get(name), new BigDecimal[]{from, to});
            }
        }
        return new SourceOfferFilter(Map.copyOf(text), Map.copyOf(ranges));
    }

    private static BigDecimal bound(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    boolean matches(Map<String, Object> listing) {
        for (Map.Entry<String, String> e : text.entrySet()) {
            Object value = listing.get(e.getKey());
            if (value == null || !value.toString().strip().equalsIgnoreCase(e.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, BigDecimal[]> e : ranges.entrySet()) {
            BigDecimal value = number(listing.get(e.getKey()));
            BigDecimal from = e.getValue()[0];
            BigDecimal to = e.getValue()[1];
            if (value == null || from != null && value.compareTo(from) < 0 || to != null && value.compareTo(to) > 0) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal number(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.toString().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

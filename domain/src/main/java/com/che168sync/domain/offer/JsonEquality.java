package com.che168sync.domain.offer;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Comparison of plain JSON values (Map, List, String, Number, Boolean, null) the way jsonb compares them. */
final class JsonEquality {
    private JsonEquality() {
    }

    /** Equal as JSON: numbers by value ({@code 7500}, {@code 7500L} and {@code 7500.0} are the same), maps by keys. */
    static boolean sameJson(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !sameJson(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!sameJson(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static int compareNumbers(Number x, Number y) {
        try {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
        } catch (NumberFormatException e) {
            return Double.compare(x.doubleValue(), y.doubleValue()); // NaN, Infinity
        }
    }
}

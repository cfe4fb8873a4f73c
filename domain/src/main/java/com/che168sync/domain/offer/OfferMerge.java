package com.che168sync.domain.offer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The merge of a {@code changed} event into a stored listing (docs/rules.md#merge-of-a-changed-event).
 *
 * <p>che168's change feed sends only the changed fields, and names most of them with a {@code new_} prefix
 * ({@code new_price}, {@code new_mileage}, {@code new_km_age}) while the listing itself calls them {@code price},
 * {@code mileage}, {@code km_age}. The merge guarantees:
 * <ul>
 *   <li>a {@code new_}-prefixed key is renamed without the prefix and overwrites that key
 *       ({@code {"price": 8000, "mark": "Kia"}} + {@code {"new_price": 7500}} → {@code {"price": 7500, "mark": "Kia"}});</li>
 *   <li>any other key overwrites the key of the same name (a JSON {@code null} included);</li>
 *   <li>keys absent from the event stay untouched; values are replaced whole (no deep merge of objects);</li>
 *   <li>the result never contains a {@code new_}-prefixed key: prefixes are stripped repeatedly
 *       ({@code new_new_price} → {@code price}), also from the stored side, and a key that would become empty
 *       ({@code new_}) is dropped;</li>
 *   <li>when an event carries both {@code price} and {@code new_price}, the prefixed one wins (it is the change);</li>
 *   <li>the merge is pure and idempotent: {@code merge(merge(s, e), e)} equals {@code merge(s, e)}; neither input is
 *       modified.</li>
 * </ul>
 */
public final class OfferMerge {
    /** The prefix the change feed puts in front of changed field names. */
    public static final String NEW_PREFIX = "new_";

    private OfferMerge() {
    }

    /**
     * The stored listing with the event's fields applied.
     *
     * @param stored  the stored {@code data} (not modified)
     * @param changes the event's {@code data} (not modified)
     * @return a new mutable map, insertion-ordered (stored keys first)
     */
    public static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> changes) {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(changes, "changes");
        Map<String, Object> result = withoutNewPrefixes(stored);
        // plain keys first, prefixed ones after: the explicit change wins over a plain key of the same name
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (!e.getKey().startsWith(NEW_PREFIX)) {
                result.put(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (e.getKey().startsWith(NEW_PREFIX)) {
                String key = canonicalKey(e.getKey());
                if (!key.isEmpty()) {
                    result.put(key, e.getValue());
                }
            }
        }
        return result;
    }

    /** The field name without {@code new_} prefixes: {@code new_price} → {@code price}; {@code new_} → empty. */
    public static String canonicalKey(String key) {
        String k = key;
        while (k.startsWith(NEW_PREFIX)) {
            k = k.substring(NEW_PREFIX.length());
        }
        return k;
    }

    /**
     * A copy of {@code data} whose {@code new_}-prefixed keys are renamed as the merge does (a prefixed key wins over
     * a plain one of the same name; an empty name is dropped).
     */
    public static Map<String, Object> withoutNewPrefixes(Map<String, Object> data) {
        Map<String, Object> result = new LinkedHashMap<>(data);
        if (data.keySet().stream().noneMatch(k -> k.startsWith(NEW_PREFIX))) {
            return result;
        }
        result.keySet().removeIf(k -> k.startsWith(NEW_PREFIX));
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (e.getKey().startsWith(NEW_PREFIX)) {
                String key = canonicalKey(e.getKey());
                if (!key.isEmpty()) {
                    result.put(key, e.getValue());
                }
            }
        }
        return result;
    }
}

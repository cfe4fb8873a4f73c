package com.che168sync.domain.offer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded random listings and change events for property tests. */
final class RandomListings {
    private static final String[] KEYS = {"price", "km_age", "mileage", "mark", "model", "year", "color", "vin"};

    private RandomListings() {
    }

    static Map<String, Object> data(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : KEYS) {
            if (r.nextInt(4) > 0) {
                m.put(k, value(r));
            }
        }
        return m;
    }

    static Map<String, Object> changedFields(Random r) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String k = KEYS[r.nextInt(KEYS.length)];
            m.put(r.nextBoolean() ? "new_" + k : k, value(r));
        }
        return m;
    }

    static Object value(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextInt(100_000);
            case 1 -> Integer.toString(r.nextInt(100_000));
            case 2 -> "v" + r.nextInt(50);
            default -> r.nextBoolean();
        };
    }

    /** A day of events over {@code listings} inner_ids (ids from {@code firstId}, increasing). */
    static List<ChangeEvent> day(Random r, long firstId, int events, int listings) {
        List<ChangeEvent> day = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            long id = firstId + i;
            String inner = "5600" + r.nextInt(listings);
            Instant at = Instant.parse("2026-11-20T00:00:00Z").plusSeconds(id);
            day.add(switch (r.nextInt(3)) {
                case 0 -> new ChangeEvent.Added(id, inner, at, data(r));
                case 1 -> new ChangeEvent.Changed(id, inner, at, changedFields(r), null);
                default -> new ChangeEvent.Removed(id, inner, at, Map.of());
            });
        }
        return day;
    }
}

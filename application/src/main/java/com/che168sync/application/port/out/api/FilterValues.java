package com.che168sync.application.port.out.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /filters} shows: the values of active listings with their counts.
 *
 * @param dataVersion the newest {@code normalized_at} when these were computed (null: no data yet)
 * @param active      active listings
 * @param marks       makes, most listings first, each with its models
 * @param codes       per coded field ({@code engine_type}, {@code transmission_type}, {@code body_type},
 *                    {@code drive_type}, {@code color}): its codes with counts and the source labels seen
 * @param cities      cities, most listings first
 * @param sellers     {@code dealer} / {@code private}
 * @param year        smallest and largest year
 * @param price       smallest and largest price (CNY)
 * @param kmAge       smallest and largest mileage (km)
 */
public record FilterValues(Instant dataVersion, long active, List<MarkValues> marks,
                           Map<String, List<CodeValue>> codes, List<ValueCount> cities, List<ValueCount> sellers,
                           Range year, Range price, Range kmAge) {
    public FilterValues {
        marks = List.copyOf(marks);
        codes = Map.copyOf(codes);
        cities = List.copyOf(cities);
        sellers = List.copyOf(sellers);
    }

    /** The coded fields, in the order they are shown. */
    public static final List<String> CODED_FIELDS =
            List.of("engine_type", "transmission_type", "body_type", "drive_type", "color");

    /** A make with its count and models. */
    public record MarkValues(String mark, long count, List<ValueCount> models) {
        public MarkValues {
            models = List.copyOf(models);
        }
    }

    /** A value and how many active listings have it. */
    public record ValueCount(String value, long count) {
    }

    /** A code, its count, and the source labels it was mapped from (most frequent first). */
    public record CodeValue(String code, long count, List<String> labels) {
        public CodeValue {
            labels = List.copyOf(labels);
        }
    }

    /** Smallest and largest value, null when there is none. */
    public record Range(Long min, Long max) {
    }
}

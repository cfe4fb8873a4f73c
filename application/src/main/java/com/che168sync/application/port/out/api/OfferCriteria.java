package com.che168sync.application.port.out.api;

import java.util.List;

/**
 * Filters resolved to stored values, what {@link SearchOffersPort} queries with (null = not filtered): marks, models
 * and cities as spelled in {@code processed_data} (a case-insensitive match can hit several spellings), codes of the
 * dictionaries, {@code q} in lower case.
 */
public record OfferCriteria(List<String> marks, List<String> models, Integer yearFrom, Integer yearTo,
                            Long priceFrom, Long priceTo, Integer kmAgeFrom, Integer kmAgeTo, String engineType,
                            String transmissionType, String bodyType, String driveType, String color,
                            List<String> cities, String seller, String q) {
    public OfferCriteria {
        marks = marks == null ? null : List.copyOf(marks);
        models = models == null ? null : List.copyOf(models);
        cities = cities == null ? null : List.copyOf(cities);
    }

    /** Every active listing. */
    public static final OfferCriteria ALL = new OfferCriteria(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);
}

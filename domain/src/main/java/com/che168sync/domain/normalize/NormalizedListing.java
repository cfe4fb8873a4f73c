package com.che168sync.domain.normalize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One listing, typed and cleaned. Numbers are numbers, dates are dates, labels are {@link Coded} values, and every
 * field is null when the source does not say (or said something out of range; see the quality notes). Seller
 * contact data is never carried over.
 *
 * @param innerId           che168's listing id
 * @param url               the listing's page
 * @param mark              make as given ({@code BMW}, {@code 极氪})
 * @param model             model as given; null when empty
 * @param configuration     trim level ({@code 125i}); the source's {@code configuration} when it is text
 * @param complectation     the source's {@code complectation}
 * @param title             the source's {@code title}
 * @param year              model year
 * @param firstRegistration first registration (first day of the month when only {@code YYYY-MM} is given)
 * @param price             price in CNY
 * @param kmAge             mileage in km ({@code 3.2万公里} → 32000)
 * @param engineType        engine / fuel type code
 * @param transmissionType  transmission code
 * @param bodyType          body type code
 * @param driveType         drive code
 * @param color             colour code
 * @param displacement      engine displacement in litres (the source's rounded {@code displacement}, else the
 *                          configuration's)
 * @param displacementCc    exact displacement in cc, from the configuration
 * @param power             power in metric horsepower (Ps / л.с.); from kW × 1.36 when only kW is known
 * @param powerKw           power in kW; from Ps ÷ 1.36 when only Ps is known
 * @param location          address, city, province, district
 * @param sellerType        {@code dealer} or {@code private}
 * @param isDealer          true for a dealer
 * @param section           the source's section ({@code б/у})
 * @param salonId           the dealer's id on che168
 * @param description       the seller's text, with phone numbers masked
 * @param vin               VIN, upper case, when well-formed
 * @param offerCreated      when the offer was created (first of the month when only {@code YYYY-MM} is given)
 * @param offerCreatedMonthOnly true when the source gave {@code offer_created} as {@code YYYY-MM}
 * @param images            image URLs
 * @param specs             technical data from the configuration
 * @param equipment         equipment names from {@code extra.option}
 */
public record NormalizedListing(String innerId, String url, String mark, String model, String configuration,
                                String complectation, String title, Integer year, LocalDate firstRegistration,
                                Long price, Integer kmAge, Coded engineType, Coded transmissionType, Coded bodyType,
                                Coded driveType, Coded color, BigDecimal displacement, Integer displacementCc,
                                Integer power, Integer powerKw, Location location, String sellerType,
                                Boolean isDealer, String section, String salonId, String description, String vin,
                                LocalDate offerCreated, boolean offerCreatedMonthOnly, List<String> images,
                                TechnicalSpecs specs, List<String> equipment) {
    public NormalizedListing {
        images = images == null ? List.of() : List.copyOf(images);
        equipment = equipment == null ? List.of() : List.copyOf(equipment);
        location = location == null ? Location.NONE : location;
    }
}

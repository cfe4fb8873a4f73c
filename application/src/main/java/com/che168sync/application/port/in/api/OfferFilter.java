package com.che168sync.application.port.in.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The filters of {@code GET /offers} as the client gave them (null = not filtered), already checked for shape:
 * ranges are ordered and sane, texts are short, printable and NFKC-normalized. Labels are resolved to stored values
 * later (mark/model spelling, source labels → codes), by {@link com.che168sync.application.api.SearchOffersService}.
 *
 * @param mark             make, any case
 * @param model            model, any case
 * @param yearFrom         first year (inclusive)
 * @param yearTo           last year (inclusive)
 * @param priceFrom        lowest price in CNY (inclusive)
 * @param priceTo          highest price in CNY (inclusive)
 * @param kmAgeFrom        lowest mileage in km (inclusive)
 * @param kmAgeTo          highest mileage in km (inclusive)
 * @param engineType       a code ({@code petrol}, {@code electric}, …) or a source label ({@code Бензиновый})
 * @param transmissionType a code or a source label
 * @param bodyType         a code or a source label
 * @param driveType        a code or a source label
 * @param color            a code or a source label
 * @param city             the city as stored (Chinese name, without 市), any case
 * @param seller           dealer or private
 * @param q                free text searched in mark, model and car name (at least {@value #MIN_Q_LENGTH} characters, or
 *                         {@value #MIN_Q_IDEOGRAPHS} Chinese/Japanese/Korean ones)
 */
public record OfferFilter(String mark, String model, Integer yearFrom, Integer yearTo, Long priceFrom, Long priceTo,
                          Integer kmAgeFrom, Integer kmAgeTo, String engineType, String transmissionType,
                          String bodyType, String driveType, String color, String city, Seller seller, String q) {
    /** Shortest accepted {@code q} in letters, digits and other characters of alphabetic scripts. */
    public static final int MIN_Q_LENGTH = 3;
    /**
     * Shortest accepted {@code q} in Chinese, Japanese or Korean characters: two of them already name a model
     * (朗逸, 途观); one character of each kind is not enough.
     */
    public static final int MIN_Q_IDEOGRAPHS = 2;
    /** Longest accepted text value. */
    public static final int MAX_TEXT_LENGTH = 100;
    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;
    public static final long MAX_PRICE = 10_000_000_000L;
    public static final int MAX_KM_AGE = 100_000_000;

    /** No filter at all. */
    public static final OfferFilter NONE = new OfferFilter(null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public OfferFilter {
        mark = text("mark", mark);
        model = text("model", model);
        engineType = text("engine_type", engineType);
        transmissionType = text("transmission_type", transmissionType);
        bodyType = text("body_type", bodyType);
        driveType = text("drive_type", driveType);
        color = text("color", color);
        city = text("city", city);
        q = text("q", q);
        if (q != null && !meaningful(q)) {
            throw new InvalidQueryException("q", "q needs at least " + MIN_Q_LENGTH + " characters (or "
                    + MIN_Q_IDEOGRAPHS + " Chinese, Japanese or Korean characters)");
        }
        range("year_from", yearFrom, MIN_YEAR, MAX_YEAR);
        range("year_to", yearTo, MIN_YEAR, MAX_YEAR);
        range("price_from", priceFrom, 0, MAX_PRICE);
        range("price_to", priceTo, 0, MAX_PRICE);
        range("km_age_from", kmAgeFrom, 0, MAX_KM_AGE);
        range("km_age_to", kmAgeTo, 0, MAX_KM_AGE);
        ordered("year_to", yearFrom, yearTo);
        ordered("price_to", priceFrom, priceTo);
        ordered("km_age_to", kmAgeFrom, kmAgeTo);
    }

    /** A canonical text of these filters (labels as given, in lower case): binds a cursor to its query. */
    public String canonical() {
        StringBuilder b = new StringBuilder(128);
        for (Object v : new Object[] {lower(mark), lower(model), yearFrom, yearTo, priceFrom, priceTo, kmAgeFrom,
                kmAgeTo, lower(engineType), lower(transmissionType), lower(bodyType), lower(driveType), lower(color),
                lower(city), seller, lower(q)}) {
            b.append(v == null ? "" : v.toString()).append('\u0001');
        }
        return b.toString();
    }

    /** Private persons or dealers ({@code seller=private|dealer}); stored as {@code seller_type}. */
    public enum Seller {
        DEALER("dealer"), PRIVATE("private");

        private final String value;

        Seller(String value) {
            this.value = value;
        }

        /** The parameter value, also the stored {@code seller_type}. */
        public String value() {
            return value;
        }

        public static Seller fromParameter(String value) {
            for (Seller s : values()) {
                if (s.value.equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new InvalidQueryException("seller", "seller must be dealer or private");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /**
     * Whether {@code q} is long enough to be a meaningful search: {@value #MIN_Q_LENGTH} characters, where a Chinese,
     * Japanese or Korean character counts as {@code MIN_Q_LENGTH / MIN_Q_IDEOGRAPHS} (1.5) of them.
     */
    static boolean meaningful(String q) {
        int weight = 0;
        for (int i = 0; i < q.length(); ) {
            int cp = q.codePointAt(i);
            weight += ideographic(cp) ? MIN_Q_LENGTH : MIN_Q_IDEOGRAPHS;
            i += Character.charCount(cp);
        }
        return weight >= MIN_Q_LENGTH * MIN_Q_IDEOGRAPHS;
    }

    private static boolean ideographic(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** NFKC, stripped; null when empty; refused when too long or holding control or broken characters. */
    static String text(String parameter, String value) {
        if (value == null) {
            return null;
        }
        String s = Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
        if (s.isEmpty()) {
            return null;
        }
        if (s.codePointCount(0, s.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException(parameter, parameter + " is longer than " + MAX_TEXT_LENGTH
                    + " characters");
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isISOControl(cp) || cp == 0xFFFD || Character.getType(cp) == Character.SURROGATE
                    || Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.FORMAT) {
                throw new InvalidQueryException(parameter, parameter + " holds a control or invalid character");
            }
            i += Character.charCount(cp);
        }
        return s;
    }

    private static void range(String parameter, Number value, long min, long max) {
        if (value != null && (value.longValue() < min || value.longValue() > max)) {
            throw new InvalidQueryException(parameter, parameter + " must be between " + min + " and " + max);
        }
    }

    private static void ordered(String parameter, Number from, Number to) {
        if (from != null && to != null && from.longValue() > to.longValue()) {
            throw new InvalidQueryException(parameter, parameter + " is smaller than "
                    + parameter.replace("_to", "_from"));
        }
    }
}

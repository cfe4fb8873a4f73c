package com.che168sync.domain.normalize;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers in every shape the source uses: JSON numbers, {@code "98000"}, {@code "159800.00"}, {@code "1,200"},
 * {@code "3.2万公里"} (万 = ×10,000), {@code "192马力"}, {@code "2.0L"}; placeholders ({@code "-"}, {@code ""}) are
 * absent values, anything else is unparseable.
 */
final class Numbers {
    /** A number, an optional 万/千 multiplier, an optional unit of letters or CJK characters. */
    private static final Pattern SHAPE = Pattern.compile(
            "^([+-]?)(\\d{1,15}(?:\\.\\d{1,12})?|\\.\\d{1,12})\\s*(万|千)?\\s*([\\p{IsAlphabetic}·./()%²³]{0,16})$");
    private static final Pattern SPACED_THOUSANDS = Pattern.compile("\\d{1,3}( \\d{3})+(\\.\\d+)?");
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    private Numbers() {
    }

    /** The outcome of reading one value. */
    record Parsed(BigDecimal value, boolean present, String source) {
        static final Parsed ABSENT = new Parsed(null, false, null);

        /** A value was there but is not a number. */
        boolean unparseable() {
            return present && value == null;
        }
    }

    static Parsed parse(Object raw) {
        if (raw == null) {
            return Parsed.ABSENT;
        }
        if (raw instanceof Number n) {
            BigDecimal v = fromNumber(n);
            return new Parsed(v, true, String.valueOf(raw));
        }
        if (!(raw instanceof String)) {
            return new Parsed(null, true, Text.limit(String.valueOf(raw), 64));
        }
        String cleaned = Text.clean(raw);
        if (cleaned == null) {
            return Parsed.ABSENT;
        }
        String s = cleaned;
        if (s.length() > 48) {
            return new Parsed(null, true, Text.limit(s, 64));
        }
        s = s.replace(",", "").replace("¥", "").replace("￥", "").replace("约", "").trim();
        // "1 200 000" style thousands separators
        if (s.indexOf(' ') > 0 && SPACED_THOUSANDS.matcher(s).lookingAt()) {
            s = s.replace(" ", "");
        }
        Matcher m = SHAPE.matcher(s);
        if (!m.matches()) {
            return new Parsed(null, true, cleaned);
        }
        String unit = m.group(4).toLowerCase(Locale.ROOT);
        if (!unit.isEmpty() && !knownUnit(unit)) {
            return new Parsed(null, true, cleaned);
        }
        BigDecimal v = new BigDecimal(m.group(2).startsWith(".") ? "0" + m.group(2) : m.group(2));
        if ("-".equals(m.group(1))) {
            v = v.negate();
        }
        if ("万".equals(m.group(3))) {
            v = v.multiply(TEN_THOUSAND);
        } else if ("千".equals(m.group(3))) {
            v = v.multiply(THOUSAND);
        }
        return new Parsed(v, true, cleaned);
    }

    private static boolean knownUnit(String unit) {
        return switch (unit) {
            case "公里", "km", "км", "千米", "元", "cny", "rmb", "руб", "l", "л", "t", "ml", "мл", "cc", "cm³", "см³",
                 "马力", "ps", "hp", "л.с.", "лс", "kw", "квт", "kwh", "квт·ч", "квтч", "kw·h", "度", "mm", "мм",
                 "km/h", "км/ч", "n·m", "nm", "н·м", "年", "款", "挡", "档", "速", "座", "门", "个", "台", "万公里" -> true;
            default -> false;
        };
    }

    private static BigDecimal fromNumber(Number n) {
        if (n instanceof BigDecimal b) {
            return b.precision() - b.scale() > 19 || b.scale() > 30 ? null : b;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        if (n instanceof java.math.BigInteger bi) {
            return bi.bitLength() > 80 ? null : new BigDecimal(bi);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > 1e18) {
            return null;
        }
        return BigDecimal.valueOf(d);
    }
}

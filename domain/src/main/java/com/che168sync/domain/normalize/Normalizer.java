package com.che168sync.domain.normalize;

import com.che168sync.domain.json.JsonValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalization of one che168 listing (docs/rules.md#normalization): a pure function from the listing's {@code data} JSON, given as
 * plain Java values ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code null} —
 * what any JSON parser produces), to a typed {@link NormalizedListing} plus {@link QualityNote}s.
 *
 * <p>Guarantees: it never throws for any input value (a value it cannot use becomes null with a note); it copies
 * no seller contact data ({@code extra.inspection} is never read, phone numbers in the description are masked);
 * an unknown label is never mapped to a default (code {@code unknown}, source text kept, note {@code UNMAPPED}).
 * Che168 quirks handled: numbers as JSON numbers or strings ({@code "159800.00"}, {@code "3.2万公里"}),
 * placeholders ({@code -}, {@code 暂无}, empty), {@code images} as an array or a JSON-encoded string,
 * {@code is_dealer} as a boolean or a string, dates {@code YYYY-MM-DD} or {@code YYYY-MM}, labels in Russian,
 * English or Chinese in any case, both configuration shapes, electric cars without an engine group.
 */
public final class Normalizer {
    /**
     * Version of these rules, stored with every processed row. Raise it whenever a change would normalize an
     * existing listing differently; {@code normalize --all} then brings old rows up to date.
     */
    public static final int NORMALIZER_VERSION = 1;

    /** Metric horsepower per kW. */
    private static final BigDecimal PS_PER_KW = new BigDecimal("1.35962");
    private static final Pattern DATE = Pattern.compile(
            "^(\\d{4})\\s*[-./年]\\s*(\\d{1,2})(?:\\s*[-./月]\\s*(\\d{1,2})\\s*日?)?(?:\\s*月)?(?:[ T].*)?$");
    private static final Pattern SUMMARY_HP = Pattern.compile("(\\d{2,4})\\s*马力");
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d*])(?:\\+?86[- ]?)?1[3-9]\\d[- ]?(?:\\d{4}|\\*{4})[- ]?\\d{4}(?!\\d)"
                    + "|(?<!\\d)0\\d{2,3}-\\d{7,8}(?!\\d)");
    private static final Pattern DIMENSION_SEPARATOR = Pattern.compile("[*×xX]");
    private static final Pattern VIN = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");

    private Normalizer() {
    }

    /**
     * Normalizes one listing.
     *
     * @param data the listing JSON as stored in raw_data.data (null or non-map values give an empty record)
     * @param asOf today, for the sane range of years and dates (a year may be at most next year)
     */
    public static Normalization normalize(Map<String, ?> data, LocalDate asOf) {
        if (asOf == null) {
            throw new IllegalArgumentException("asOf (today) is required");
        }
        return new Run(data == null ? Map.of() : data, asOf).normalize();
    }

    /** One normalization: the input, today, and the notes collected so far. */
    private static final class Run {
        private final Map<String, ?> data;
        private final int maxYear;
        private final List<QualityNote> notes = new ArrayList<>();

        Run(Map<String, ?> data, LocalDate asOf) {
            this.data = data;
            this.maxYear = asOf.getYear() + 1;
        }

        Normalization normalize() {
            Configuration conf = Configuration.of(data);
            TechnicalSpecs specs = specs(conf);

            Coded engine = code(CodeField.ENGINE_TYPE, "engine_type", data.get("engine_type"), specs.fuelType());
            Coded transmission = code(CodeField.TRANSMISSION_TYPE, "transmission_type", data.get("transmission_type"),
                    firstNonNull(specs.transmissionKind(), specs.transmissionDetail(),
                            conf.get("基本参数", "变速箱")));
            Coded drive = code(CodeField.DRIVE_TYPE, "drive_type", data.get("drive_type"), conf.any("驱动方式"));
            Coded body = refineBody(code(CodeField.BODY_TYPE, "body_type", data.get("body_type"), specs.bodyStructure()),
                    specs.bodyStructure());
            Coded color = code(CodeField.COLOR, "color", data.get("color"), null);
            boolean electric = engine != null && "electric".equals(engine.code());

            Integer year = integer("year", data.get("year"), 1950, maxYear);
            Long price = longValue("price", data.get("price"), 100, 100_000_000);
            Integer kmAge = integer("km_age", data.get("km_age"), 0, 3_000_000);

            BigDecimal displacement = displacement(data.get("displacement"), specs, electric);
            Integer powerHp = integer("power", data.get("power"), 1, 2500);
            if (powerHp == null) {
                powerHp = integer("power", data.get("ice_power_ps"), 1, 2500);
            }
            Integer powerKw = integer("power_kw", data.get("ice_power_kw"), 1, 1900);
            if (powerHp == null) {
                powerHp = specs.maxHorsepower();
            }
            if (powerKw == null) {
                powerKw = firstNonNull(specs.maxPowerKw(), specs.motorPowerKw());
            }
            if (powerHp == null && powerKw != null) {
                powerHp = new BigDecimal(powerKw).multiply(PS_PER_KW).setScale(0, RoundingMode.HALF_UP).intValue();
            }
            if (powerKw == null && powerHp != null) {
                powerKw = new BigDecimal(powerHp).divide(PS_PER_KW, 0, RoundingMode.HALF_UP).intValue();
            }

            Addresses.Parsed address = Addresses.parse(data.get("address"));
            if (address.cityUnmapped()) {
                note("city", QualityNote.Kind.UNMAPPED, address.location().address());
            }
            Boolean isDealer = bool("is_dealer", data.get("is_dealer"));
            String sellerType = sellerType(data.get("seller_type"));
            if (sellerType == null && isDealer != null) {
                sellerType = isDealer ? "dealer" : "private";
            }
            if (isDealer == null && sellerType != null) {
                isDealer = "dealer".equals(sellerType);
            }

            Object offerCreatedRaw = data.get("offer_created");
            LocalDate offerCreated = date("offer_created", offerCreatedRaw);
            boolean monthOnly = offerCreated != null && isMonthOnly(offerCreatedRaw);

            NormalizedListing listing = new NormalizedListing(
                    text(data.get("inner_id"), 64),
                    url(data.get("url")),
                    text(data.get("mark"), 128),
                    text(data.get("model"), 256),
                    data.get("configuration") instanceof Map<?, ?> ? null : text(data.get("configuration"), 512),
                    text(data.get("complectation"), 512),
                    text(data.get("title"), 512),
                    year,
                    date("first_registration", data.get("first_registration")),
                    price, kmAge, engine, transmission, body, drive, color,
                    displacement, specs.displacementCc(), powerHp, powerKw,
                    address.location(), sellerType, isDealer,
                    text(data.get("section"), 64),
                    text(data.get("salon_id"), 64),
                    description(data.get("description")),
                    vin(data.get("vin")),
                    offerCreated, monthOnly,
                    images(data.get("images")),
                    specs,
                    equipment(data.get("extra")));
            return new Normalization(listing, notes);
        }

        // ---- configuration -------------------------------------------------------------------------------

        private TechnicalSpecs specs(Configuration c) {
            String specid = text(c.specid(), 32);
            if (specid == null) {
                specid = text(data.get("specid"), 32);
            }
            if (specid != null && specid.endsWith(".0")) {
                specid = specid.substring(0, specid.length() - 2);
            }
            String dims = c.get("基本参数", "长*宽*高(mm)");
            Integer[] lwh = dimensions(dims);
            String rangeStandard = null;
            String range = null;
            for (String standard : new String[] {"CLTC", "NEDC", "WLTC", "EPA", ""}) {
                String v = c.any(standard + "纯电续航里程(km)");
                if (v != null) {
                    range = v;
                    rangeStandard = standard.isEmpty() ? null : standard;
                    break;
                }
            }
            String engineSummary = c.get("基本参数", "发动机");
            Integer hp = integer("specs.max_horsepower", c.get("发动机", "最大马力(Ps)"), 1, 2500);
            if (hp == null && engineSummary != null) {
                Matcher m = SUMMARY_HP.matcher(engineSummary);
                if (m.find()) {
                    hp = integer("specs.max_horsepower", m.group(1), 1, 2500);
                }
            }
            return new TechnicalSpecs(
                    specid,
                    limited(c.get("基本参数", "车型名称"), 512),
                    limited(c.get("基本参数", "厂商"), 256),
                    limited(c.get("基本参数", "级别"), 128),
                    limited(firstNonNull(c.get("基本参数", "能源类型"), c.get("发动机", "燃料形式")), 128),
                    limited(c.get("基本参数", "环保标准"), 128),
                    limited(c.get("基本参数", "上市时间"), 32),
                    limited(c.get("发动机", "发动机型号"), 128),
                    limited(engineSummary, 128),
                    integer("specs.displacement_cc", c.get("发动机", "排量(mL)"), 50, 20_000),
                    decimal("specs.displacement_l", c.get("发动机", "排量(L)"), "0.05", "20", 1),
                    limited(c.get("发动机", "进气形式"), 64),
                    hp,
                    integer("specs.max_power_kw", c.first("发动机", "最大功率(kW)", "基本参数", "最大功率(kW)"), 1, 1900),
                    integer("specs.max_torque_nm", c.first("发动机", "最大扭矩(N·m)", "基本参数", "最大扭矩(N·m)"),
                            1, 20_000),
                    limited(firstNonNull(c.get("变速箱", "简称"), c.get("基本参数", "变速箱")), 128),
                    limited(c.get("变速箱", "变速箱类型"), 128),
                    integer("specs.gears", c.get("变速箱", "挡位个数"), 1, 20),
                    limited(c.get("基本参数", "车身结构"), 128),
                    lwh[0], lwh[1], lwh[2],
                    integer("specs.top_speed_kmh", c.get("基本参数", "最高车速(km/h)"), 5, 600),
                    integer("specs.motor_power_kw", c.get("电动机", "电动机总功率(kW)"), 1, 2000),
                    limited(c.get("电动机", "驱动电机数"), 32),
                    decimal("specs.battery_kwh", c.get("电池", "电池能量(kWh)"), "0.1", "500", 3),
                    integer("specs.range_km", range, 1, 3000),
                    rangeStandard);
        }

        private Integer[] dimensions(String dims) {
            Integer[] out = new Integer[3];
            if (dims == null) {
                return out;
            }
            String[] parts = DIMENSION_SEPARATOR.split(dims);
            if (parts.length != 3) {
                note("specs.dimensions", QualityNote.Kind.UNPARSEABLE, dims);
                return out;
            }
            String[] names = {"specs.length_mm", "specs.width_mm", "specs.height_mm"};
            for (int i = 0; i < 3; i++) {
                out[i] = integer(names[i], parts[i], 500, 30_000);
            }
            return out;
        }

        // ---- codes ---------------------------------------------------------------------------------------

        private Coded code(CodeField field, String name, Object raw, String fallback) {
            String label = Text.clean(raw);
            if (label == null || (raw != null && !(raw instanceof String))) {
                if (label != null) {
                    // a number or boolean where a label belongs
                    note(name, QualityNote.Kind.UNPARSEABLE, label);
                }
                label = fallback;
            }
            if (label == null) {
                return null;
            }
            label = Text.limit(label, 256);
            String code = CodeDictionary.of(field).lookupKey(Text.key(label));
            if (code == null) {
                note(name, QualityNote.Kind.UNMAPPED, label);
                return new Coded(Coded.UNKNOWN, label);
            }
            return new Coded(code, label);
        }

        private static Coded refineBody(Coded body, String structure) {
            if (body == null || !"sedan_hatchback".equals(body.code()) || structure == null) {
                return body;
            }
            String key = Text.key(structure);
            if (key.contains("两厢")) {
                return new Coded("hatchback", body.source());
            }
            if (key.contains("三厢")) {
                return new Coded("sedan", body.source());
            }
            return body;
        }

        // ---- numbers -------------------------------------------------------------------------------------

        private BigDecimal number(String field, Object raw, BigDecimal min, BigDecimal max) {
            Numbers.Parsed p = Numbers.parse(raw);
            if (p.unparseable()) {
                note(field, QualityNote.Kind.UNPARSEABLE, p.source());
                return null;
            }
            if (p.value() == null) {
                return null;
            }
            if (p.value().compareTo(min) < 0 || p.value().compareTo(max) > 0) {
                note(field, QualityNote.Kind.OUT_OF_RANGE, p.source());
                return null;
            }
            return p.value();
        }

        private Integer integer(String field, Object raw, long min, long max) {
            BigDecimal v = number(field, raw, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
            return v == null ? null : v.setScale(0, RoundingMode.HALF_UP).intValueExact();
        }

        private Long longValue(String field, Object raw, long min, long max) {
            BigDecimal v = number(field, raw, BigDecimal.valueOf(min), BigDecimal.valueOf(max));
            return v == null ? null : v.setScale(0, RoundingMode.HALF_UP).longValueExact();
        }

        private BigDecimal decimal(String field, Object raw, String min, String max, int maxScale) {
            BigDecimal v = number(field, raw, new BigDecimal(min), new BigDecimal(max));
            if (v == null) {
                return null;
            }
            BigDecimal scaled = v.scale() > maxScale ? v.setScale(maxScale, RoundingMode.HALF_UP) : v;
            return scaled.scale() < 0 ? scaled.setScale(0, RoundingMode.UNNECESSARY) : scaled;
        }

        private BigDecimal displacement(Object raw, TechnicalSpecs specs, boolean electric) {
            Numbers.Parsed p = Numbers.parse(raw);
            if (electric && p.value() != null && p.value().signum() == 0) {
                return null; // electric cars: 0 litres means "no engine"
            }
            BigDecimal litres = decimal("displacement", raw, "0.3", "15", 2);
            if (litres == null && !p.present()) {
                litres = specs.displacementL();
                if (litres == null && specs.displacementCc() != null) {
                    litres = new BigDecimal(specs.displacementCc()).divide(BigDecimal.valueOf(1000), 1,
                            RoundingMode.HALF_UP);
                }
                if (litres != null && (litres.compareTo(new BigDecimal("0.3")) < 0
                        || litres.compareTo(new BigDecimal("15")) > 0)) {
                    litres = null;
                }
            }
            if (litres != null && litres.scale() < 1) {
                litres = litres.setScale(1, RoundingMode.UNNECESSARY);
            }
            return litres;
        }

        // ---- other types ---------------------------------------------------------------------------------

        private LocalDate date(String field, Object raw) {
            String s = Text.clean(raw);
            if (s == null) {
                return null;
            }
            if (!(raw instanceof String)) {
                note(field, QualityNote.Kind.UNPARSEABLE, s);
                return null;
            }
            Matcher m = DATE.matcher(s);
            if (!m.matches()) {
                note(field, QualityNote.Kind.UNPARSEABLE, s);
                return null;
            }
            try {
                int y = Integer.parseInt(m.group(1));
                int month = Integer.parseInt(m.group(2));
                int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
                LocalDate d = LocalDate.of(y, month, day);
                if (y < 1950 || y > maxYear) {
                    note(field, QualityNote.Kind.OUT_OF_RANGE, s);
                    return null;
                }
                return d;
            } catch (DateTimeException | NumberFormatException e) {
                note(field, QualityNote.Kind.UNPARSEABLE, s);
                return null;
            }
        }

        private static boolean isMonthOnly(Object raw) {
            Matcher m = DATE.matcher(Text.clean(raw));
            return m.matches() && m.group(3) == null;
        }

        private Boolean bool(String field, Object raw) {
            if (raw instanceof Boolean b) {
                return b;
            }
            String s = Text.clean(raw);
            if (s == null) {
                return null;
            }
            switch (s.toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "y", "是", "да", "dealer", "商家" -> {
                    return Boolean.TRUE;
                }
                case "false", "0", "no", "n", "否", "нет", "private", "个人" -> {
                    return Boolean.FALSE;
                }
                default -> {
                    note(field, QualityNote.Kind.UNPARSEABLE, s);
                    return null;
                }
            }
        }

        private String sellerType(Object raw) {
            String s = Text.clean(raw);
            if (s == null) {
                return null;
            }
            switch (Text.key(s)) {
                case "dealer", "дилер", "автосалон", "商家", "经销商", "车商", "company" -> {
                    return "dealer";
                }
                case "private", "частное лицо", "частник", "собственник", "个人", "个人车源", "person" -> {
                    return "private";
                }
                default -> {
                    note("seller_type", QualityNote.Kind.UNMAPPED, s);
                    return null;
                }
            }
        }

        private List<String> images(Object raw) {
            List<?> items;
            if (raw instanceof List<?> list) {
                items = list;
            } else if (raw instanceof String s) {
                String t = s.strip();
                if (t.isEmpty()) {
                    return List.of();
                }
                if (t.startsWith("[")) {
                    items = JsonValues.parseStringArray(t);
                    if (items == null) {
                        note("images", QualityNote.Kind.UNPARSEABLE, t);
                        return List.of();
                    }
                } else {
                    items = List.of(t.split("[\\s,|]+"));
                }
            } else {
                if (raw != null) {
                    note("images", QualityNote.Kind.UNPARSEABLE, Text.clean(raw));
                }
                return List.of();
            }
            Set<String> urls = new LinkedHashSet<>();
            for (Object item : items) {
                String u = Text.clean(item instanceof String ? item : null);
                if (u == null) {
                    continue;
                }
                if (u.startsWith("//")) {
                    u = "https:" + u;
                }
                if (isHttpUrl(u) && u.length() <= 2048) {
                    urls.add(u);
                } else {
                    note("images", QualityNote.Kind.UNPARSEABLE, u);
                }
            }
            return List.copyOf(urls);
        }

        private String url(Object raw) {
            String u = Text.clean(raw);
            if (u == null) {
                return null;
            }
            if (!isHttpUrl(u) || u.length() > 2048) {
                note("url", QualityNote.Kind.UNPARSEABLE, u);
                return null;
            }
            return u;
        }

        private static boolean isHttpUrl(String u) {
            return (u.startsWith("https://") || u.startsWith("http://")) && u.indexOf(' ') < 0 && u.length() > 10;
        }

        private String vin(Object raw) {
            String v = Text.clean(raw);
            if (v == null) {
                return null;
            }
            String upper = v.toUpperCase(Locale.ROOT).replace(" ", "");
            if (!VIN.matcher(upper).matches()) {
                note("vin", QualityNote.Kind.UNPARSEABLE, v);
                return null;
            }
            return upper;
        }

        private static String description(Object raw) {
            String d = Text.cleanMultiline(raw);
            if (d == null) {
                return null;
            }
            return Text.limit(mayHoldPhone(d) ? PHONE.matcher(d).replaceAll("***") : d, 20_000);
        }

        /** A run of at least 7 digits (spaces, dashes and stars allowed between them): worth the phone regex. */
        private static boolean mayHoldPhone(String d) {
            int digits = 0;
            for (int i = 0; i < d.length(); i++) {
                char c = d.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (++digits >= 7) {
                        return true;
                    }
                } else if (c != ' ' && c != '-' && c != '*' && c != '+') {
                    digits = 0;
                }
            }
            return false;
        }

        private static List<String> equipment(Object extra) {
            if (!(extra instanceof Map<?, ?> e) || !(e.get("option") instanceof Map<?, ?> option)) {
                return List.of();
            }
            Set<String> names = new LinkedHashSet<>();
            if (option.get("displayopts") instanceof List<?> display) {
                for (Object o : display) {
                    addOption(names, o);
                }
            }
            if (option.get("moreoptions") instanceof List<?> more) {
                for (Object group : more) {
                    if (group instanceof Map<?, ?> g && g.get("opts") instanceof List<?> opts) {
                        for (Object o : opts) {
                            addOption(names, o);
                        }
                    }
                }
            }
            return List.copyOf(names);
        }

        private static void addOption(Set<String> names, Object option) {
            if (option instanceof Map<?, ?> o && names.size() < 500) {
                String name = Text.clean(o.get("optionname"));
                if (name != null) {
                    names.add(Text.limit(name, 128));
                }
            }
        }

        private static String text(Object raw, int max) {
            if (raw instanceof Map || raw instanceof List) {
                return null;
            }
            return Text.limit(Text.clean(raw), max);
        }

        private static String limited(String cleaned, int max) {
            return Text.limit(cleaned, max);
        }

        private void note(String field, QualityNote.Kind kind, String value) {
            if (notes.size() < 100) {
                notes.add(new QualityNote(field, kind, value));
            }
        }

        @SafeVarargs
        private static <T> T firstNonNull(T... values) {
            for (T v : values) {
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }
}

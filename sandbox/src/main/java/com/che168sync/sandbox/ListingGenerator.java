package com.che168sync.sandbox;

import com.che168sync.sandbox.Vocabulary.Energy;
import com.che168sync.sandbox.Vocabulary.Model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates one listing's {@code data} as a pure function of (seed, listing key): no state, no memory that
 * grows with the catalogue. Values look like the real feed's (SOURCE_API.md): Russian labels in varying case,
 * numbers as strings or numbers, {@code images} as an array or a JSON-encoded string, Chinese marks, models
 * and addresses now and then, autohome's {@code extra.configuration}, {@code -} and empty placeholders, and
 * the occasional nonsense value.
 */
final class ListingGenerator {

    /** What a listing is, drawn first so that it can be recomputed cheaply. */
    record Core(Model model, int year, long price, long km) {
    }

    private static final String[] IMAGE_HOSTS = {"https://2sc2.autoimg.cn", "https://2sc3.autoimg.cn",
            "https://2sc1.autoimg.cn"};
    private static final char[] TOKEN_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".toCharArray();

    private final long seed;
    private final LocalDate catalogueEnd;

    /**
     * @param seed         the run's seed
     * @param catalogueEnd the first change day: catalogue listings were all created before it
     */
    ListingGenerator(long seed, LocalDate catalogueEnd) {
        this.seed = seed;
        this.catalogueEnd = catalogueEnd;
    }

    Core core(long key) {
        return core(Rng.random(seed, Rng.LISTING, key));
    }

    private Core core(SplittableRandom r) {
        Model model = Rng.pick(r, Vocabulary.MODELS);
        int year = model.yearMin() + r.nextInt(model.yearMax() - model.yearMin() + 1);
        double age = (year - model.yearMin() + r.nextDouble()) / (model.yearMax() - model.yearMin() + 1);
        long price = Math.round((model.priceMin() + (model.priceMax() - model.priceMin()) * age) / 100.0) * 100;
        long km = Math.max(0, (2026 - year)) * (3_000 + r.nextInt(22_000)) / 100 * 100;
        return new Core(model, year, price, km);
    }

    /**
     * The listing's full data.
     *
     * @param offerCreated the date it appeared on the site, or null for a catalogue listing (then drawn
     *                     before {@code catalogueEnd})
     */
    LinkedHashMap<String, Object> listing(long key, String innerId, LocalDate offerCreated) {
        SplittableRandom r = Rng.random(seed, Rng.LISTING, key);
        Core core = core(r);
        Model m = core.model();
        boolean ruDocStyle = Rng.chance(r, 12);
        boolean numbersAsStrings = !ruDocStyle && Rng.chance(r, 60);
        boolean nonsense = Rng.chance(r, 3);
        boolean dealer = Rng.chance(r, 82);
        String salonId = Integer.toString(100_000 + r.nextInt(900_000));
        LocalDate created = offerCreated != null ? offerCreated
                : catalogueEnd.minusDays(1 + r.nextInt(400));

        LinkedHashMap<String, Object> d = new LinkedHashMap<>();
        d.put("inner_id", innerId);
        d.put("url", "https://www.che168.com/dealer/" + salonId + "/" + innerId + ".html");
        boolean chineseMark = Rng.chance(r, 4);
        d.put("mark", chineseMark ? Rng.pick(r, Vocabulary.MARKS_CN) : m.mark());
        int modelStyle = r.nextInt(100);
        d.put("model", modelStyle < 3 ? "" : modelStyle < 7 ? Rng.pick(r, Vocabulary.MODELS_CN) : m.model());
        String trim = Rng.pick(r, m.trims());
        if (!ruDocStyle) {
            d.put("configuration", trim);
            d.put("complectation", Rng.chance(r, 70) ? "" : trim);
            d.put("title", m.mark() + " " + m.model() + " " + core.year() + " " + trim);
        }
        d.put("year", nonsense && Rng.chance(r, 30) ? "0" : number(r, numbersAsStrings, core.year()));
        int month = 1 + r.nextInt(12);
        d.put("first_registration", nonsense && Rng.chance(r, 30) ? "未上牌"
                : core.year() + (month < 10 ? "-0" : "-") + month);
        d.put("color", casing(r, Rng.pick(r, Vocabulary.COLORS)));
        if (nonsense && Rng.chance(r, 40)) {
            d.put("price", Rng.chance(r, 50) ? core.price() + ".00" : "面议");
        } else {
            d.put("price", number(r, numbersAsStrings, core.price()));
        }
        if (nonsense && Rng.chance(r, 40)) {
            d.put("km_age", String.format(Locale.ROOT, "%.1f万公里", core.km() / 10_000.0));
        } else {
            d.put("km_age", number(r, numbersAsStrings, core.km()));
        }
        d.put("engine_type", engineType(r, m.energy()));
        d.put("transmission_type", casing(r, m.gearbox().contains("手动") ? "Механическая" : "Автоматическая"));
        d.put("drive_type", Rng.chance(r, 75) ? "передний привод" : Rng.pick(r, Vocabulary.DRIVES));
        d.put("body_type", casing(r, m.body()));
        boolean ev = m.energy().electricOnly();
        if (ev) {
            d.put("displacement", Rng.chance(r, 50) ? "" : "-");
            d.put("power", Rng.chance(r, 50) ? "-" : "");
        } else {
            BigDecimal displacement = new BigDecimal(m.displacement());
            d.put("displacement", numbersAsStrings || Rng.chance(r, 10) ? displacement.toPlainString() : displacement);
            d.put("power", number(r, numbersAsStrings, m.hp()));
        }
        if (!ruDocStyle) {
            d.put("ice_power_ps", ev ? "" : Integer.toString(m.hp()));
            d.put("ice_power_kw", ev ? "" : Integer.toString(Math.round(m.hp() * 0.7355f)));
        }
        int specId = 10_000 + (int) Math.floorMod(Rng.hash(seed, Rng.LISTING, Vocabulary.MODELS.indexOf(m) * 64L
                + m.trims().indexOf(trim)), 60_000);
        if (!ruDocStyle) {
            d.put("specid", Integer.toString(specId));
        }
        d.put("address", address(r));
        d.put("seller_type", dealer ? "dealer" : "private");
        d.put("is_dealer", ruDocStyle || Rng.chance(r, 40) ? (Object) dealer : Boolean.toString(dealer));
        d.put("section", "б/у");
        d.put("salon_id", dealer ? salonId : "");
        d.put("description", description(r));
        d.put("offer_created", Rng.chance(r, 8) ? created.toString().substring(0, 7) : created.toString());
        if (!ruDocStyle) {
            d.put("vin", Rng.chance(r, 30) ? vin(r) : "");
        } else if (Rng.chance(r, 30)) {
            d.put("vin", vin(r));
        }
        List<String> images = images(r);
        if (ruDocStyle || Rng.chance(r, 45)) {
            d.put("images", images);
        } else {
            d.put("images", SandboxJson.write(images));
        }
        if (ruDocStyle) {
            d.put("configuration", ruConfiguration(r, m, core, trim));
        } else {
            LinkedHashMap<String, Object> extra = new LinkedHashMap<>();
            if (Rng.chance(r, 60)) {
                LinkedHashMap<String, Object> inspection = new LinkedHashMap<>(3);
                inspection.put("phone", phone(r));
                inspection.put("result", Rng.pick(r, Vocabulary.INSPECTION_RESULTS));
                extra.put("inspection", inspection);
            } else if (Rng.chance(r, 20)) {
                extra.put("inspection", new LinkedHashMap<String, Object>());
            }
            extra.put("configuration", autohomeConfiguration(r, m, core, trim, specId));
            extra.put("option", options(r));
            d.put("extra", extra);
        }
        return d;
    }

    private static Object number(SplittableRandom r, boolean asString, long value) {
        boolean string = asString ^ Rng.chance(r, 8);
        return string ? (Object) Long.toString(value) : (Object) value;
    }

    /** Russian labels arrive in any case: as listed, lower-case, capitalised, or (rarely) upper-case. */
    private static String casing(SplittableRandom r, String label) {
        int c = r.nextInt(100);
        if (c < 45) {
            return label;
        }
        if (c < 85) {
            return label.toLowerCase(Locale.ROOT);
        }
        if (c < 97) {
            return label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1).toLowerCase(Locale.ROOT);
        }
        return label.toUpperCase(Locale.ROOT);
    }

    private static String engineType(SplittableRandom r, Energy energy) {
        int c = r.nextInt(100);
        String ru = switch (energy) {
            case PETROL -> "Бензиновый";
            case DIESEL -> "Дизельный";
            case BEV -> "Электрический (BEV)";
            case HEV -> "Гибридный (HEV)";
            case PHEV -> "Подключаемый гибрид (PHEV)";
            case REEV -> "Расширитель диапазона (REEV)";
            case MILD48V -> "Бензиновый + 48V mild hybrid";
        };
        if (c < 4) {
            return switch (energy) {
                case PETROL, MILD48V -> "汽油";
                case DIESEL -> "柴油";
                case BEV -> "纯电动";
                case HEV -> "油电混合";
                case PHEV -> "插电式混合动力";
                case REEV -> "增程";
            };
        }
        if (c < 7) {
            return switch (energy) {
                case PETROL -> "Petrol";
                case DIESEL -> "Diesel";
                case BEV -> "Electric (BEV)";
                case HEV -> "Hybrid (HEV)";
                case PHEV -> "Plug-in hybrid (PHEV)";
                case REEV -> "Range extender (REEV)";
                case MILD48V -> "Petrol + 48V mild hybrid";
            };
        }
        return casing(r, ru);
    }

    private static String address(SplittableRandom r) {
        int c = r.nextInt(100);
        if (c < 70) {
            return Rng.pick(r, Vocabulary.ADDRESSES_RU);
        }
        if (c < 88) {
            return Rng.pick(r, Vocabulary.ADDRESSES_CN);
        }
        return Rng.pick(r, Vocabulary.ADDRESSES_CN_EXTRA);
    }

    private static String description(SplittableRandom r) {
        int n = 2 + r.nextInt(7);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                int sep = r.nextInt(10);
                sb.append(sep < 6 ? "，" : sep < 8 ? "。\n" : " | ");
            }
            sb.append(Rng.pick(r, Vocabulary.DESCRIPTION_PHRASES));
        }
        return sb.append('。').toString();
    }

    private static String vin(SplittableRandom r) {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("L");
        for (int i = 1; i < 17; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private static String phone(SplittableRandom r) {
        int tail = r.nextInt(10_000);
        return "1" + (3 + r.nextInt(7)) + r.nextInt(10) + "****" + (char) ('0' + tail / 1000) + (char) ('0' + tail / 100 % 10)
                + (char) ('0' + tail / 10 % 10) + (char) ('0' + tail % 10);
    }

    private static List<String> images(SplittableRandom r) {
        int n = Rng.chance(r, 5) ? 0 : 3 + r.nextInt(10);
        List<String> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder token = new StringBuilder(22);
            for (int j = 0; j < 22; j++) {
                token.append(TOKEN_CHARS[r.nextInt(TOKEN_CHARS.length)]);
            }
            StringBuilder url = new StringBuilder(120).append(Rng.pick(r, IMAGE_HOSTS)).append("/escimg/auto/g")
                    .append(1 + r.nextInt(34)).append("/M");
            hex2(url, r.nextInt(16)).append('/');
            hex2(url, r.nextInt(256)).append('/');
            hex2(url, r.nextInt(256)).append("/1024x768_c42_autohomecar__").append(token).append(".jpg.webp");
            images.add(url.toString());
        }
        return images;
    }

    private static StringBuilder hex2(StringBuilder sb, int value) {
        String digits = "0123456789ABCDEF";
        return sb.append(digits.charAt((value >> 4) & 15)).append(digits.charAt(value & 15));
    }

    private static Map<String, Object> item(Integer id, String name, Object value) {
        LinkedHashMap<String, Object> item = new LinkedHashMap<>(4);
        if (id != null) {
            item.put("id", id);
        }
        item.put("name", name);
        item.put("value", value);
        return item;
    }

    private static Map<String, Object> group(String name, List<Map<String, Object>> items) {
        LinkedHashMap<String, Object> group = new LinkedHashMap<>(3);
        group.put("name", name);
        group.put("paramitems", items);
        return group;
    }

    private static String unknownSometimes(SplittableRandom r, String value) {
        return Rng.chance(r, 6) ? "-" : value;
    }

    private Map<String, Object> autohomeConfiguration(SplittableRandom r, Model m, Core core, String trim, int specId) {
        Energy energy = m.energy();
        int kw = energy.electricOnly() ? 100 + r.nextInt(300) : Math.round(m.hp() * 0.7355f);
        String carName = Rng.chance(r, 10) ? Rng.pick(r, Vocabulary.CAR_NAMES)
                : m.chineseSeries() + " " + core.year() + "款 " + trim;
        String engineSummary = energy.electricOnly() ? "纯电动 " + Math.round(kw / 0.7355f) + "马力"
                : Rng.chance(r, 15) ? Rng.pick(r, Vocabulary.ENGINE_SUMMARIES)
                : m.displacement() + (Rng.chance(r, 60) ? "T " : "L ") + m.hp() + "马力 L4";
        String structure = Rng.chance(r, 5) ? Rng.pick(r, Vocabulary.BODY_STRUCTURES) : m.bodyStructure();
        int length = 3_800 + r.nextInt(1_400);
        String fuel = switch (energy) {
            case PETROL -> "汽油";
            case DIESEL -> "柴油";
            case BEV -> "纯电动";
            case HEV -> "油电混合";
            case PHEV -> "插电式混合动力";
            case REEV -> "增程式";
            case MILD48V -> "汽油+48V轻混系统";
        };
        List<Map<String, Object>> basic = new ArrayList<>(List.of(
                item(93, "车型名称", carName),
                item(null, "厂商", m.manufacturer()),
                item(null, "级别", m.carClass()),
                item(90, "能源类型", fuel),
                item(null, "环保标准", energy.electricOnly() ? "-" : Rng.pick(r, Vocabulary.EMISSION)),
                item(null, "上市时间", core.year() - (Rng.chance(r, 50) ? 1 : 0) + "." + (1 + r.nextInt(12))),
                item(101, "发动机", engineSummary),
                item(null, "最大功率(kW)", Integer.toString(kw)),
                item(null, "最大扭矩(N·m)", unknownSometimes(r, Integer.toString(kw * 2 + r.nextInt(100)))),
                item(108, "变速箱", m.gearbox()),
                item(92, "长*宽*高(mm)", length + "*" + (1_700 + r.nextInt(300)) + "*" + (1_400 + r.nextInt(500))),
                item(115, "车身结构", structure),
                item(null, "最高车速(km/h)", unknownSometimes(r, Integer.toString(150 + r.nextInt(110)))),
                item(null, "官方0-100km/h加速(s)", unknownSometimes(r, (5 + r.nextInt(8)) + "." + r.nextInt(10)))));
        List<Map<String, Object>> groups = new ArrayList<>();
        groups.add(group("基本参数", basic));
        groups.add(group("车身", List.of(
                item(null, "长度(mm)", Integer.toString(length)),
                item(null, "轴距(mm)", Integer.toString(2_500 + r.nextInt(600))),
                item(null, "车门数(个)", Integer.toString(structure.charAt(0) - '0')),
                item(null, "座位数(个)", Integer.toString(4 + r.nextInt(4))),
                item(null, "整备质量(kg)", unknownSometimes(r, Integer.toString(1_100 + r.nextInt(1_300)))))));
        if (!energy.electricOnly()) {
            groups.add(group("发动机", List.of(
                    item(58, "发动机型号", Rng.chance(r, 20) ? "-" : engineModel(r)),
                    item(null, "排量(mL)", Integer.toString(Math.round(Float.parseFloat(m.displacement()) * 1000) - r.nextInt(5))),
                    item(null, "排量(L)", m.displacement()),
                    item(null, "进气形式", Rng.pick(r, Vocabulary.ASPIRATION)),
                    item(null, "最大马力(Ps)", Integer.toString(m.hp())),
                    item(null, "最大功率(kW)", Integer.toString(Math.round(m.hp() * 0.7355f))),
                    item(null, "燃料形式", energy == Energy.DIESEL ? "柴油" : "汽油"))));
        }
        if (energy.hasBattery() || energy == Energy.HEV) {
            groups.add(group("电动机", List.of(
                    item(null, "电动机总功率(kW)", Integer.toString(energy.electricOnly() ? kw : 50 + r.nextInt(150))),
                    item(null, "驱动电机数", Rng.chance(r, 60) ? "单电机" : "双电机"))));
        }
        if (energy.hasBattery()) {
            groups.add(group("电池", List.of(
                    item(null, "电池能量(kWh)", Integer.toString(energy.electricOnly() ? 50 + r.nextInt(60) : 10 + r.nextInt(30))),
                    item(null, "CLTC纯电续航里程(km)", unknownSometimes(r, Integer.toString(
                            energy.electricOnly() ? 400 + r.nextInt(300) : 50 + r.nextInt(150)))))));
        }
        String gearbox = m.gearbox();
        String gears = energy.electricOnly() ? "1" : gears(gearbox);
        groups.add(group("变速箱", List.of(
                item(null, "简称", gearbox),
                item(null, "挡位个数", gears),
                item(null, "变速箱类型", gearbox.contains("双离合") ? "双离合变速箱(DCT)" : gearbox.contains("手动") ? "手动变速箱(MT)"
                        : gearbox.contains("CVT") ? "无级变速箱(CVT)" : energy.electricOnly() ? "固定齿比变速箱" : "手自一体变速箱(AT)"))));
        groups.add(group("底盘转向", List.of(
                item(null, "驱动方式", Rng.chance(r, 75) ? "前置前驱" : "前置四驱"),
                item(43, "前悬架类型", Rng.pick(r, Vocabulary.SUSPENSION_FRONT)),
                item(44, "后悬架类型", Rng.pick(r, Vocabulary.SUSPENSION_REAR)))));
        LinkedHashMap<String, Object> configuration = new LinkedHashMap<>(3);
        configuration.put("specid", specId);
        configuration.put("paramtypeitems", groups);
        return configuration;
    }

    /** {@code 8挡手自一体} → {@code 8}; anything else → {@code -}. */
    private static String gears(String gearbox) {
        int i = 0;
        while (i < gearbox.length() && Character.isDigit(gearbox.charAt(i))) {
            i++;
        }
        return i > 0 && i < gearbox.length() && gearbox.charAt(i) == '挡' ? gearbox.substring(0, i) : "-";
    }

    private static String engineModel(SplittableRandom r) {
        String letters = "ABCDEGHJKLMNRS";
        return "" + letters.charAt(r.nextInt(letters.length())) + (10 + r.nextInt(90))
                + letters.charAt(r.nextInt(letters.length())) + (10 + r.nextInt(30)) + "F";
    }

    private static Map<String, Object> options(SplittableRandom r) {
        List<Map<String, Object>> display = new ArrayList<>();
        int n = 3 + r.nextInt(8);
        int start = r.nextInt(Vocabulary.DISPLAY_OPTIONS.size());
        for (int i = 0; i < n; i++) {
            display.add(Map.of("optionname", Vocabulary.DISPLAY_OPTIONS.get((start + i) % Vocabulary.DISPLAY_OPTIONS.size())));
        }
        List<Map<String, Object>> more = new ArrayList<>();
        int groups = 1 + r.nextInt(4);
        int groupStart = r.nextInt(Vocabulary.OPTION_GROUPS.size());
        for (int g = 0; g < groups; g++) {
            List<Map<String, Object>> opts = new ArrayList<>();
            int k = 2 + r.nextInt(5);
            int s = r.nextInt(Vocabulary.MORE_OPTIONS.size());
            for (int i = 0; i < k; i++) {
                opts.add(Map.of("optionname", Vocabulary.MORE_OPTIONS.get((s + i) % Vocabulary.MORE_OPTIONS.size())));
            }
            LinkedHashMap<String, Object> group = new LinkedHashMap<>(3);
            group.put("name", Vocabulary.OPTION_GROUPS.get((groupStart + g) % Vocabulary.OPTION_GROUPS.size()));
            group.put("opts", opts);
            more.add(group);
        }
        LinkedHashMap<String, Object> option = new LinkedHashMap<>(3);
        option.put("displayopts", display);
        option.put("moreoptions", more);
        return option;
    }

    /** The flat, Russian-labelled configuration of the RU documentation. */
    private static Map<String, Object> ruConfiguration(SplittableRandom r, Model m, Core core, String trim) {
        LinkedHashMap<String, Object> c = new LinkedHashMap<>();
        c.put("Название модели", m.mark() + " " + m.model() + " " + core.year() + " " + trim);
        c.put("Производитель", m.manufacturer());
        c.put("Класс", m.carClass());
        c.put("Тип топлива", switch (m.energy()) {
            case BEV -> "электро";
            case DIESEL -> "дизель";
            case HEV, PHEV, REEV -> "гибрид";
            default -> "бензин";
        });
        c.put("Рабочий объем (мл)", m.energy().electricOnly() ? "-"
                : Integer.toString(Math.round(Float.parseFloat(m.displacement()) * 1000) - r.nextInt(5)));
        c.put("Максимальная мощность (л.с.)", m.hp() == 0 ? "-" : Integer.toString(m.hp()));
        c.put("Количество передач", gears(m.gearbox()));
        c.put("Тип КПП", m.gearbox().contains("手动") ? "механическая (МКПП)" : "автоматическая (АКПП)");
        c.put("Тип привода", Rng.chance(r, 75) ? "передний" : "полный");
        c.put("Разгон 0-100 км/ч (с)", Rng.chance(r, 40) ? "-" : (5 + r.nextInt(8)) + "." + r.nextInt(10));
        return c;
    }
}

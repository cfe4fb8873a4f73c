package com.che168sync.adapter.postgres.normalize;

import java.util.Locale;

/**
 * Deterministic listings of the real size (~4 KB of JSON) in the shapes the source uses (numbers as strings and
 * numbers, {@code 万公里}, placeholders, JSON-encoded images, autohome configuration, Russian labels in any case),
 * for {@code bench normalize}. Listing {@code n} is always the same.
 */
public final class BenchListings {
    private static final String[] MARKS = {"BMW", "Kia", "极氪", "Toyota", "大众", "Mercedes-Benz", "比亚迪", "Audi"};
    private static final String[] MODELS = {"1 Series", "K2", "001", "Camry", "帕萨特", "C-Class", "汉", "A4L"};
    private static final String[] ENGINES = {"Бензиновый", "бензиновый", "Дизельный", "Электрический (BEV)",
            "Гибридный (HEV)", "Подключаемый гибрид (PHEV)", "Расширитель диапазона (REEV)",
            "Бензиновый + 48V mild hybrid", "增程", "Gasoline", "甲醇混动"};
    private static final String[] GEARBOXES = {"автоматическая", "Механическая", "Автоматическая", "механическая"};
    private static final String[] DRIVES = {"передний привод", "полный привод", "задний привод"};
    private static final String[] BODIES = {"седан", "седан/хэтчбек", "Кроссовер/внедорожник", "Пикап", "Минивэн",
            "Купе/родстер", "Хэтчбек"};
    private static final String[] COLORS = {"Белый", "черный", "Серебристо-серый", "Шампань", "Темно-серый",
            "Красный", "синий", "Другой"};
    private static final String[] ADDRESSES = {"济南, 莱芜", "上海 闵行区", "Цзыбо", "Шанхай", "深圳, 番禺", "成都, 金堂",
            "北京", "杭州, 西湖区", "Гуанчжоу", "宣城, 郎溪"};

    private BenchListings() {
    }

    public static String innerId(long n) {
        return Long.toString(50_000_000 + n);
    }

    /** Listing {@code n} as compact JSON. */
    public static String listing(long n) {
        int i = (int) (n % 1_000_003);
        String innerId = innerId(n);
        boolean stringNumbers = n % 2 == 0;
        String price = stringNumbers ? "\"" + (30_000 + n * 37 % 900_000) + ".00\"" : Long.toString(30_000 + n * 37 % 900_000);
        String km = n % 3 == 0 ? "\"" + (n % 20) + ".5万公里\"" : stringNumbers ? "\"" + n * 13 % 300_000 + "\""
                : Long.toString(n * 13 % 300_000);
        String engine = ENGINES[i % ENGINES.length];
        boolean electric = engine.startsWith("Электр");
        String images = n % 4 == 0
                ? "[\"https://2sc2.autoimg.cn/escimg/auto/g31/M05/2A/1B/1024x768_c42_autohomecar__" + n + "a.jpg.webp\","
                + "\"https://2sc2.autoimg.cn/escimg/auto/g31/M06/2A/1B/1024x768_c42_autohomecar__" + n + "b.jpg.webp\"]"
                : "\"[\\\"https://2sc2.autoimg.cn/escimg/auto/g31/M05/2A/1B/1024x768_c42_autohomecar__" + n
                + "a.jpg.webp\\\", \\\"https://2sc2.autoimg.cn/escimg/auto/g31/M06/2A/1B/1024x768_c42_autohomecar__"
                + n + "b.jpg.webp\\\"]\"";
        return String.format(Locale.ROOT, """
                {"inner_id":"%s","url":"https://www.che168.com/dealer/%d/%s.html","mark":"%s","model":"%s",\
                "configuration":"125i M运动曜夜版","complectation":"","title":"%s %s %d款","year":%s,\
                "first_registration":"%d-%02d","color":"%s","price":%s,"km_age":%s,"engine_type":"%s",\
                "transmission_type":"%s","drive_type":"%s","body_type":"%s","displacement":"%s","power":"%s",\
                "ice_power_ps":"%s","ice_power_kw":"%s","specid":"%d","address":"%s","seller_type":"%s",\
                "is_dealer":%s,"section":"б/у","salon_id":"%d","description":"准新车，0过户，原版原漆，4S店保养记录齐全。\\n\
                支持全国上门验车 | 可分期，首付三成即可提车，手续齐全，可异地上牌，欢迎来电咨询看车。车况精品，无事故无泡水无火烧，\
                发动机变速箱原厂原漆，内饰干净整洁，随时可以看车试驾。","offer_created":"2025-%02d%s","vin":"%s",\
                "images":%s,"extra":{"inspection":{"phone":"138****%04d","result":"无重大事故"},\
                "configuration":{"specid":%d,"paramtypeitems":[{"name":"基本参数","paramitems":[\
                {"id":93,"name":"车型名称","value":"%s %d款 125i M运动曜夜版"},{"name":"厂商","value":"华晨宝马"},\
                {"name":"级别","value":"紧凑型车"},{"id":90,"name":"能源类型","value":"%s"},{"name":"环保标准","value":"国VI"},\
                {"name":"上市时间","value":"2021.11"},{"id":101,"name":"发动机","value":"2.0T 192马力 L4"},\
                {"name":"最大功率(kW)","value":"141"},{"name":"最大扭矩(N·m)","value":"280"},\
                {"id":108,"name":"变速箱","value":"7挡双离合"},{"id":92,"name":"长*宽*高(mm)","value":"4461*1800*1452"},\
                {"name":"最高车速(km/h)","value":"240"},{"id":115,"name":"车身结构","value":"5门5座两厢车"}]},\
                {"name":"发动机","paramitems":[{"id":58,"name":"发动机型号","value":"B48A20F"},\
                {"name":"排量(mL)","value":"%s"},{"name":"排量(L)","value":"%s"},{"name":"进气形式","value":"涡轮增压"},\
                {"name":"最大马力(Ps)","value":"192"},{"name":"最大功率(kW)","value":"141"},{"name":"燃料形式","value":"汽油"}]},\
                {"name":"变速箱","paramitems":[{"name":"简称","value":"7挡双离合"},{"name":"挡位个数","value":"7"},\
                {"name":"变速箱类型","value":"双离合变速箱(DCT)"}]},\
                {"name":"电池","paramitems":[{"name":"电池能量(kWh)","value":"%s"},{"name":"CLTC纯电续航里程(km)","value":"%s"}]}]},\
                "option":{"displayopts":[{"optionname":"倒车影像"},{"optionname":"无钥匙进入"},{"optionname":"真皮座椅"},\
                {"optionname":"全景天窗"},{"optionname":"自动空调"}],"moreoptions":[{"name":"安全配置","opts":[\
                {"optionname":"胎压监测"},{"optionname":"车道保持"},{"optionname":"主动刹车"},{"optionname":"并线辅助"}]},\
                {"name":"舒适配置","opts":[{"optionname":"座椅加热"},{"optionname":"电动后备厢"},{"optionname":"无线充电"}]}]}}}""",
                innerId, 400_000 + i % 90_000, innerId, MARKS[i % MARKS.length], MODELS[i % MODELS.length],
                MARKS[i % MARKS.length], MODELS[i % MODELS.length], 2010 + i % 15,
                stringNumbers ? "\"" + (2010 + i % 15) + "\"" : Integer.toString(2010 + i % 15),
                2010 + i % 15, 1 + i % 12, COLORS[i % COLORS.length], price, km, engine,
                GEARBOXES[i % GEARBOXES.length], DRIVES[i % DRIVES.length], BODIES[i % BODIES.length],
                electric ? "" : "2.0", electric ? "-" : "192", electric ? "" : "192", electric ? "" : "141",
                50_000 + i % 20_000, ADDRESSES[i % ADDRESSES.length], n % 5 == 0 ? "private" : "dealer",
                n % 5 == 0 ? "\"false\"" : "true", 400_000 + i % 90_000, 1 + i % 12, n % 7 == 0 ? "" : "-15",
                n % 9 == 0 ? "LSVAA4182E2" + String.format(Locale.ROOT, "%06d", i % 1_000_000) : "",
                images, i % 10_000, 50_000 + i % 20_000, MARKS[i % MARKS.length], 2010 + i % 15,
                electric ? "纯电动" : "汽油", electric ? "-" : "1998", electric ? "-" : "2.0",
                electric ? "100" : "-", electric ? "656" : "-");
    }
}

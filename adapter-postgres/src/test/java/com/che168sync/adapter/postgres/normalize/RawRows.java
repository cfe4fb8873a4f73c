package com.che168sync.adapter.postgres.normalize;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** Test data in raw_data: realistic listings in the source's shapes, inserted set-based. */
final class RawRows {
    private static final String[] ENGINES = {"Бензиновый", "бензиновый", "Дизельный", "Электрический (BEV)",
            "Подключаемый гибрид (PHEV)", "增程", "Gasoline"};
    private static final String[] COLORS = {"Белый", "черный", "Серебристо-серый", "Шампань", "Темно-серый"};
    private static final String[] ADDRESSES = {"济南, 莱芜", "上海 闵行区", "Цзыбо", "Шанхай", "深圳, 番禺"};

    private RawRows() {
    }

    /** A listing in the shape of the fixtures (strings for numbers, JSON-encoded images, autohome configuration). */
    static String listing(long n) {
        String innerId = innerId(n);
        return String.format(Locale.ROOT, """
                {"inner_id": "%s", "url": "https://www.che168.com/dealer/451591/%s.html", "mark": "BMW",
                 "model": "1 Series", "configuration": "125i", "year": "%d", "first_registration": "2022-09",
                 "color": "%s", "price": "%d.00", "km_age": "%s", "engine_type": "%s",
                 "transmission_type": "автоматическая", "drive_type": "передний привод", "body_type": "седан/хэтчбек",
                 "displacement": "2.0", "power": "192", "address": "%s", "seller_type": "dealer",
                 "is_dealer": "%s", "section": "б/у", "salon_id": "451591", "description": "准新车，0过户 电话13812345678",
                 "offer_created": "2025-11-03", "images": "[\\"https://2sc2.autoimg.cn/a%d.jpg\\"]",
                 "extra": {"inspection": {"phone": "138****5521"},
                   "configuration": {"specid": 57217, "paramtypeitems": [
                     {"name": "基本参数", "paramitems": [{"id": 93, "name": "车型名称", "value": "宝马1系 2022款 125i"},
                        {"name": "车身结构", "value": "5门5座两厢车"}]},
                     {"name": "发动机", "paramitems": [{"name": "排量(mL)", "value": "1998"},
                        {"name": "最大功率(kW)", "value": "141"}]}]},
                   "option": {"displayopts": [{"optionname": "倒车影像"}]}}}""",
                innerId, innerId, 2010 + n % 15, COLORS[(int) (n % COLORS.length)], 50_000 + n * 7 % 500_000,
                n % 3 == 0 ? "3.2万公里" : Long.toString(n * 13 % 300_000), ENGINES[(int) (n % ENGINES.length)],
                ADDRESSES[(int) (n % ADDRESSES.length)], n % 4 == 0 ? "false" : "true", n);
    }

    static String innerId(long n) {
        return Long.toString(50_000_000 + n);
    }

    /** Inserts listings 1..count (ids 1..count on a fresh database), active, unprocessed. */
    static void insert(DataSource ds, long from, long to) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO raw_data (inner_id, api_id, change_type, data, source, active_status)
                VALUES (?, ?, 'added', ?::jsonb, 'initial_load', 0)""")) {
            c.setAutoCommit(false);
            for (long n = from; n <= to; n++) {
                s.setString(1, innerId(n));
                s.setLong(2, n);
                s.setString(3, listing(n));
                s.addBatch();
                if (n % 500 == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
            c.commit();
        }
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

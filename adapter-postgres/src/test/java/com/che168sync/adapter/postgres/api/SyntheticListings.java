package com.che168sync.adapter.postgres.api;

import java.util.Objects;
import org.jooq.DSLContext;

/**
 * Deterministic synthetic rows of {@code processed_data}, generated inside PostgreSQL, for {@code bench api} and
 * tests: the same index always gives the same listing (values derived from hashes of the index), with realistic
 * spreads (12 makes, 6 engine types, 8 cities, 1 % unknown sort keys) and a ~2.5 KB normalized record (a
 * description that does not compress away and ten image URLs), like the real ones.
 */
public final class SyntheticListings {
    /** The makes used, in order of their weights' positions. */
    public static final String[] MARKS = {"Volkswagen", "Toyota", "BMW", "Mercedes-Benz", "Audi", "Honda", "Nissan",
        "BYD", "Buick", "Ford", "Porsche", "大众"};

    private static final String SQL = """
            INSERT INTO processed_data (inner_id, is_active, mark, model, car_name, year, price, km_age,
                engine_type, engine_type_source, transmission_type, transmission_type_source, body_type,
                body_type_source, drive_type, drive_type_source, color, color_source, city, province, seller_type,
                is_dealer, offer_created, normalized_data, normalizer_version, normalized_at)
            SELECT v.inner_id, v.active, v.mark, v.model, v.mark || ' ' || v.model || ' ' || v.year || ' 2.0T',
                   v.year, v.price, v.km_age, v.engine, v.engine_src, v.trans, v.trans_src, v.body, v.body_src,
                   v.drive, v.drive_src, v.color, v.color_src, v.city, v.province, v.seller, v.seller = 'dealer',
                   v.created,
                   jsonb_build_object('inner_id', v.inner_id,
                       'url', 'https://www.che168.com/dealer/' || (v.h1 % 900000) || '/' || v.inner_id || '.html',
                       'mark', v.mark, 'model', v.model, 'year', v.year, 'price', v.price, 'km_age', v.km_age,
                       'engine_type', jsonb_build_object('code', v.engine, 'source', v.engine_src),
                       'transmission_type', jsonb_build_object('code', v.trans, 'source', v.trans_src),
                       'body_type', jsonb_build_object('code', v.body, 'source', v.body_src),
                       'drive_type', jsonb_build_object('code', v.drive, 'source', v.drive_src),
                       'color', jsonb_build_object('code', v.color, 'source', v.color_src),
                       'city', v.city, 'province', v.province, 'seller_type', v.seller,
                       'is_dealer', v.seller = 'dealer', 'offer_created', v.created,
                       'description', (SELECT string_agg(md5((v.i * 40 + k)::text), ' ')
                                         FROM generate_series(1, 40) k),
                       'images', (SELECT jsonb_agg('https://2sc2.autoimg.cn/escimg/g' || (v.h2 % 30) || '/M0'
                                         || k || '/' || md5((v.i * 10 + k)::text) || '.jpg')
                                    FROM generate_series(1, 10) k)),
                   1, now()
              FROM (SELECT g.i, h.h1, h.h2, h.h3,
                           (900000000 + g.i)::text AS inner_id,
                           h.h3 % 100 >= ? AS active,
                           m.mark,
                           m.prefix || (1 + h.h2 % 7) AS model,
                           CASE WHEN h.h1 % 100 = 1 THEN NULL ELSE 2005 + h.h1 % 20 END AS year,
                           CASE WHEN h.h2 % 100 = 2 THEN NULL ELSE 10000 + (h.h1 % 2000) * 500 END AS price,
                           CASE WHEN h.h3 % 100 = 3 THEN NULL ELSE (h.h2 % 3000) * 100 END AS km_age,
                           (ARRAY['petrol','petrol','petrol','diesel','electric','hybrid','plug_in_hybrid',
                                  'range_extender'])[1 + h.h1 % 8] AS engine,
                           (ARRAY['Бензиновый','Бензиновый','Бензиновый','Дизельный','Электрический (BEV)',
                                  'Гибридный (HEV)','Подключаемый гибрид (PHEV)',
                                  'Расширитель диапазона (REEV)'])[1 + h.h1 % 8] AS engine_src,
                           (ARRAY['automatic','automatic','manual','cvt','dct'])[1 + h.h2 % 5] AS trans,
                           (ARRAY['автоматическая','автоматическая','механическая','вариатор','робот'])[1 + h.h2 % 5]
                               AS trans_src,
                           (ARRAY['sedan','suv','hatchback','minivan','wagon'])[1 + h.h3 % 5] AS body,
                           (ARRAY['седан','Кроссовер/внедорожник','хэтчбек','Минивэн','универсал'])[1 + h.h3 % 5]
                               AS body_src,
                           (ARRAY['fwd','rwd','awd'])[1 + h.h1 % 3] AS drive,
                           (ARRAY['передний привод','задний привод','полный привод'])[1 + h.h1 % 3] AS drive_src,
                           (ARRAY['white','black','silver','grey','red','blue'])[1 + h.h2 % 6] AS color,
                           (ARRAY['белый','черный','серебристый','серый','красный','синий'])[1 + h.h2 % 6]
                               AS color_src,
                           (ARRAY['上海','北京','广州','深圳','成都','杭州','济南','淄博'])[1 + h.h3 % 8] AS city,
                           (ARRAY['上海','北京','广东','广东','四川','浙江','山东','山东'])[1 + h.h3 % 8] AS province,
                           CASE WHEN h.h1 % 4 = 0 THEN 'private' ELSE 'dealer' END AS seller,
                           CASE WHEN h.h3 % 100 = 4 THEN NULL ELSE date '2024-01-01' + (h.h2 % 700)::int END AS created
                      FROM generate_series(?::int, ?::int) AS g(i)
                      CROSS JOIN LATERAL (SELECT abs(hashint4(g.i)::bigint) AS h1,
                                                 abs(hashint4(g.i + 1000003)::bigint) AS h2,
                                                 abs(hashint4(g.i + 2000029)::bigint) AS h3) h
                      CROSS JOIN LATERAL (SELECT (?::text[])[1 + (h.h1 / 7) % 12] AS mark,
                                                 (ARRAY['A','B','C','E','G','Q','X','S','T','L','M','N'])
                                                     [1 + (h.h1 / 7) % 12] AS prefix) m) v
            ON CONFLICT (inner_id) DO NOTHING
            """;

    private final DSLContext dsl;

    public SyntheticListings(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
    }

    /**
     * Inserts listings {@code first .. first + count - 1} (inner ids {@code 900000000 + index}), in one statement.
     *
     * @param inactivePercent share of listings marked removed (0..100)
     * @return rows inserted
     */
    public int generate(int first, int count, int inactivePercent) {
        if (count <= 0) {
            return 0;
        }
        return dsl.execute(SQL, inactivePercent, first, first + count - 1, MARKS);
    }
}

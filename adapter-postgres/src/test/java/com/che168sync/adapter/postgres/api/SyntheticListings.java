package com.che168sync.adapter.postgres.api;

import com.che168sync.adapter.postgres.normalize.PostgresNormalizationRepository;
import com.che168sync.application.job.WriteBehind;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.domain.normalize.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DataSourceConnectionProvider;

/**
 * Deterministic synthetic listings for {@code bench api} and tests, seeded the way production is: raw listings in
 * the source's shape (Russian labels, a Chinese city, a configuration with the car's name) go to {@code raw_data},
 * generated inside PostgreSQL, and the real normalizer (the domain's {@link Normalizer} and the real repository)
 * turns them into {@code processed_data}, so the API serves exactly the document and columns production writes.
 * The same index always gives the same listing (values derived from hashes of the index), with realistic spreads
 * (12 makes, 6 engine types, 8 cities, 1 % unknown sort keys) and a ~2.5 KB normalized record (a description that
 * does not compress away and ten image URLs), like the real ones.
 */
public final class SyntheticListings {
    /** The makes used, in order of their weights' positions. */
    public static final String[] MARKS = {"Volkswagen", "Toyota", "BMW", "Mercedes-Benz", "Audi", "Honda", "Nissan",
        "BYD", "Buick", "Ford", "Porsche", "大众"};

    private static final String SQL = """
            INSERT INTO raw_data (inner_id, api_id, change_type, created_at, data, source, active_status)
            SELECT v.inner_id, v.i, CASE WHEN v.active THEN 'added' ELSE 'removed' END, now(),
                   jsonb_build_object('inner_id', v.inner_id,
                       'url', 'https://www.che168.com/dealer/' || (v.h1 % 900000) || '/' || v.inner_id || '.html',
                       'mark', v.mark, 'model', v.model, 'title', v.mark || ' ' || v.model || ' ' || v.year || '款',
                       'year', v.year, 'price', v.price, 'km_age', v.km_age,
                       'engine_type', v.engine_src, 'transmission_type', v.trans_src, 'body_type', v.body_src,
                       'drive_type', v.drive_src, 'color', v.color_src, 'address', v.city,
                       'seller_type', v.seller, 'is_dealer', v.seller = 'dealer', 'offer_created', v.created::text,
                       'description', (SELECT string_agg(md5((v.i * 40 + k)::text), ' ')
                                         FROM generate_series(1, 40) k),
                       'images', (SELECT jsonb_agg('https://2sc2.autoimg.cn/escimg/g' || (v.h2 % 30) || '/M0'
                                         || k || '/' || md5((v.i * 10 + k)::text) || '.jpg')
                                    FROM generate_series(1, 10) k),
                       'extra', jsonb_build_object('configuration', jsonb_build_object('paramtypeitems',
                           jsonb_build_array(jsonb_build_object('name', '基本参数', 'paramitems', jsonb_build_array(
                               jsonb_build_object('name', '车型名称',
                                   'value', v.mark || ' ' || v.model || ' ' || v.year || '款 2.0T'))))))),
                   'initial_load', CASE WHEN v.active THEN 0 ELSE 1 END
              FROM (SELECT g.i, h.h1, h.h2, h.h3,
                           (900000000 + g.i)::text AS inner_id,
                           h.h3 % 100 >= ? AS active,
                           m.mark,
                           m.prefix || (1 + h.h2 % 7) AS model,
                           CASE WHEN h.h1 % 100 = 1 THEN NULL ELSE 2005 + h.h1 % 20 END AS year,
                           CASE WHEN h.h2 % 100 = 2 THEN NULL ELSE 10000 + (h.h1 % 2000) * 500 END AS price,
                           CASE WHEN h.h3 % 100 = 3 THEN NULL ELSE (h.h2 % 3000) * 100 END AS km_age,
                           (ARRAY['Бензиновый','Бензиновый','Бензиновый','Дизельный','Электрический (BEV)',
                                  'Гибридный (HEV)','Подключаемый гибрид (PHEV)',
                                  'Расширитель диапазона (REEV)'])[1 + h.h1 % 8] AS engine_src,
                           (ARRAY['автоматическая','автоматическая','механическая','вариатор',
                                  'робот с двумя сцеплениями'])[1 + h.h2 % 5] AS trans_src,
                           (ARRAY['седан','Кроссовер/внедорожник','хэтчбек','Минивэн','универсал'])[1 + h.h3 % 5]
                               AS body_src,
                           (ARRAY['передний привод','задний привод','полный привод'])[1 + h.h1 % 3] AS drive_src,
                           (ARRAY['белый','черный','серебристый','серый','красный','синий'])[1 + h.h2 % 6]
                               AS color_src,
                           (ARRAY['上海','北京','广州','深圳','成都','杭州','济南','淄博'])[1 + h.h3 % 8] AS city,
                           CASE WHEN h.h1 % 4 = 0 THEN 'private' ELSE 'dealer' END AS seller,
                           CASE WHEN h.h3 % 100 = 4 THEN NULL ELSE date '2024-01-01' + (h.h2 % 700)::int END AS created
                      FROM generate_series(?::int, ?::int) AS g(i)
                      CROSS JOIN LATERAL (SELECT abs(hashint4(g.i)::bigint) AS h1,
                                                 abs(hashint4(g.i + 1000003)::bigint) AS h2,
                                                 abs(hashint4(g.i + 2000029)::bigint) AS h3) h
                      CROSS JOIN LATERAL (SELECT (?::text[])[1 + (h.h1 / 7) % 12] AS mark,
                                                 (ARRAY['A','B','C','E','G','Q','X','S','T','L','M','N'])
                                                     [1 + (h.h1 / 7) % 12] AS prefix) m) v
            ON CONFLICT (inner_id) DO UPDATE SET data = EXCLUDED.data, active_status = EXCLUDED.active_status,
                is_processed = false, normalize_attempts = 0, normalize_error = NULL
            """;
    private static final int BATCH = 1_000;

    private final DSLContext dsl;
    private final PostgresNormalizationRepository normalizer;

    /** Over a {@code DSLContext} made from a {@code DataSource} (the normalizer needs its own connections). */
    public SyntheticListings(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
        if (!(dsl.configuration().connectionProvider() instanceof DataSourceConnectionProvider provider)) {
            throw new IllegalArgumentException("SyntheticListings needs a DSLContext over a DataSource");
        }
        this.normalizer = new PostgresNormalizationRepository(provider.dataSource());
    }

    /**
     * Stores listings {@code first .. first + count - 1} (inner ids {@code 900000000 + index}) as raw listings and
     * normalizes every queued raw row.
     *
     * @param inactivePercent share of listings marked removed (0..100)
     * @return processed_data rows written
     */
    public int generate(int first, int count, int inactivePercent) {
        if (count <= 0) {
            return 0;
        }
        dsl.execute(SQL, inactivePercent, first, first + count - 1, MARKS);
        return normalizeQueue();
    }

    private int normalizeQueue() {
        LocalDate today = LocalDate.now();
        AtomicInteger written = new AtomicInteger();
        long afterId = 0;
        List<RawListing> batch;
        // as the normalizer runs: the next batch is read while two writers normalize and store the earlier ones
        try (WriteBehind<Void> writers = new WriteBehind<>("synthetic-listings", 2)) {
            while (!(batch = normalizer.loadBatch(afterId, BATCH, Integer.MAX_VALUE)).isEmpty()) {
                List<RawListing> raws = batch;
                writers.submit(() -> {
                    List<NormalizedRow> rows = new ArrayList<>(raws.size());
                    for (RawListing raw : raws) {
                        rows.add(new NormalizedRow(raw, Normalizer.normalize(raw.data().parse(), today)));
                    }
                    SaveOutcome saved = normalizer.save(rows);
                    written.addAndGet(saved.created() + saved.updated());
                });
                afterId = batch.getLast().id();
            }
        }
        return written.get();
    }
}

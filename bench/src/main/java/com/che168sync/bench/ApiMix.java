package com.che168sync.bench;

import com.che168sync.adapter.postgres.api.OfferSqlText;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferSort;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jooq.DSLContext;

/**
 * The realistic mix of {@code bench api}: what a frontend sends. A few hundred requests (the first pages of searches
 * built from the data's most common makes, cities and price bands, and the details of listings), ranked at random
 * (seeded) and weighted like Zipf's law, weight ∝ 1 / rank: the most popular request is asked twice as often as the
 * second and 100 times as often as the 100th. Written to a file (weight, path) that the wrk script draws from, and
 * turned into pgbench scripts with the same weights: one per search (its page statement, with {@code \set} lines for
 * the values the server binds) and one for all details, which picks the listing with the same weights.
 */
final class ApiMix {
    /** One request of the mix. */
    record Item(String path, long weight, String pageScript, String innerId) {
        boolean detail() {
            return innerId != null;
        }
    }

    private static final String[] SORTS = {"price", "-price", "-year", "newest", "mileage"};
    private static final OfferSort[] SORT_VALUES = {OfferSort.PRICE, OfferSort.PRICE_DESC, OfferSort.YEAR_DESC,
        OfferSort.NEWEST, OfferSort.MILEAGE};

    private ApiMix() {
    }

    static List<Item> build(DSLContext dsl, long seed, int searches, int listings) {
        Random random = new Random(seed);
        List<String> marks = dsl.fetchValues("SELECT mark FROM processed_data WHERE is_active AND mark IS NOT NULL "
                + "GROUP BY mark ORDER BY count(*) DESC, mark LIMIT 15").stream().map(String::valueOf).toList();
        List<String> cities = dsl.fetchValues("SELECT city FROM processed_data WHERE is_active AND city IS NOT NULL "
                + "GROUP BY city ORDER BY count(*) DESC, city LIMIT 6").stream().map(String::valueOf).toList();
        Map<String, Item> byPath = new LinkedHashMap<>();
        int attempts = 0;
        while (byPath.size() < searches && attempts++ < searches * 100) {
            String mark = random.nextInt(10) < 7 && !marks.isEmpty() ? marks.get(random.nextInt(marks.size())) : null;
            Long priceTo = random.nextInt(3) == 0 ? (random.nextInt(3) + 1) * 100_000L : null;
            Integer yearFrom = random.nextInt(4) == 0 ? (random.nextBoolean() ? 2015 : 2018) : null;
            String engine = random.nextInt(5) == 0 ? (random.nextBoolean() ? "electric" : "petrol") : null;
            String seller = random.nextInt(6) == 0 ? "dealer" : null;
            String city = random.nextInt(5) == 0 && !cities.isEmpty() ? cities.get(random.nextInt(cities.size())) : null;
            int sort = random.nextInt(SORTS.length);
            StringBuilder path = new StringBuilder("/offers?");
            param(path, "mark", mark);
            param(path, "price_to", priceTo);
            param(path, "year_from", yearFrom);
            param(path, "engine_type", engine);
            param(path, "seller", seller);
            param(path, "city", city);
            path.append("sort=").append(SORTS[sort]).append("&limit=20");
            OfferCriteria criteria = new OfferCriteria(mark == null ? null : List.of(mark), null, yearFrom, null, null,
                    priceTo, null, null, engine, null, null, null, null, city == null ? null : List.of(city), seller,
                    null);
            byPath.putIfAbsent(path.toString(), new Item(path.toString(), 0,
                    OfferSqlText.page(criteria, SORT_VALUES[sort], null, 0, 21).script(), null));
        }
        List<Item> items = new ArrayList<>(byPath.values());
        // pgbench takes its values as 64-bit numbers: listings whose id is a plain number
        for (Object id : dsl.fetchValues("SELECT inner_id FROM processed_data WHERE is_active AND inner_id ~ "
                + "'^[1-9][0-9]{0,17}$' ORDER BY md5(inner_id || ?) LIMIT ?", Long.toString(seed), listings)) {
            items.add(new Item("/offers/" + id, 0, null, String.valueOf(id)));
        }
        Collections.shuffle(items, random);
        List<Item> weighted = new ArrayList<>(items.size());
        for (int rank = 1; rank <= items.size(); rank++) {
            Item i = items.get(rank - 1);
            weighted.add(new Item(i.path(), Math.round(1_000_000.0 / rank), i.pageScript(), i.innerId()));
        }
        return weighted;
    }

    /** {@code weight<TAB>path} lines, most popular first. */
    static void write(List<Item> items, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Item i : items) {
            b.append(i.weight()).append('\t').append(i.path()).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    /**
     * One pgbench script per search (its page SQL, weighted as the search) and one for all details (weighted as
     * their sum): it draws a number up to that sum and takes the listing whose share of the sum it falls in, as
     * {@code :inner_id} of {@code detailSqlWithVariable}.
     */
    static List<Pgbench.Script> pgbenchScripts(List<Item> items, String detailSqlWithVariable) {
        List<Pgbench.Script> scripts = new ArrayList<>();
        StringBuilder pick = new StringBuilder();
        long detailWeight = 0;
        for (Item i : items) {
            if (i.detail()) {
                detailWeight += i.weight();
                pick.append(" WHEN :r <= ").append(detailWeight).append(" THEN ").append(i.innerId());
            } else {
                scripts.add(new Pgbench.Script(i.pageScript(), i.weight()));
            }
        }
        if (detailWeight > 0) {
            scripts.add(new Pgbench.Script("\\set r random(1, " + detailWeight + ")\n\\set inner_id CASE" + pick
                    + " ELSE 0 END\n" + detailSqlWithVariable + ";\n", detailWeight));
        }
        return scripts;
    }

    private static void param(StringBuilder path, String name, Object value) {
        if (value != null) {
            path.append(name).append('=').append(URLEncoder.encode(value.toString(), StandardCharsets.UTF_8))
                    .append('&');
        }
    }
}

package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GET /offers and /offers/{inner_id} over 20,000 listings (10 % removed), checked against plain SQL. */
class OffersIT {
    private static final int LISTINGS = 20_000;
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = new TestApi().withListings(LISTINGS, 10);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mark=BMW                              | mark = 'BMW'",
            "mark=bmw                              | mark = 'BMW'",
            "mark=%E5%A4%A7%E4%BC%97               | mark = '大众'",
            "mark=BMW&model=c3                     | mark = 'BMW' AND model = 'C3'",
            "model=x5                              | model = 'X5'",
            "year_from=2015                        | year >= 2015",
            "year_to=2010                          | year <= 2010",
            "year_from=2012&year_to=2013           | year BETWEEN 2012 AND 2013",
            "price_from=900000                     | price >= 900000",
            "price_to=50000                        | price <= 50000",
            "km_age_from=250000                    | km_age >= 250000",
            "km_age_to=10000                       | km_age <= 10000",
            "engine_type=electric                  | engine_type = 'electric'",
            "engine_type=%D0%91%D0%B5%D0%BD%D0%B7%D0%B8%D0%BD%D0%BE%D0%B2%D1%8B%D0%B9 | engine_type = 'petrol'",
            "engine_type=PLUG_IN_HYBRID            | engine_type = 'plug_in_hybrid'",
            "transmission_type=manual              | transmission_type = 'manual'",
            "body_type=suv                         | body_type = 'suv'",
            "drive_type=awd                        | drive_type = 'awd'",
            "color=red                             | color = 'red'",
            "city=%E6%B7%84%E5%8D%9A               | city = '淄博'",
            "city=%E6%B7%84%E5%8D%9A%E5%B8%82      | city = '淄博'",
            "seller=private                        | seller_type = 'private'",
            "seller=DEALER                         | seller_type = 'dealer'",
            "q=ercedes                             | concat_ws(' ', mark, model, car_name) ILIKE '%ercedes%'",
            "q=bmw%20c3                            | concat_ws(' ', mark, model, car_name) ILIKE '%bmw c3%'",
            "q=100%25                              | false",
            "q=%27%20OR%20%271%27%3D%271            | false",
            "q=x%5C%27%20OR%20true%20--%20          | false",
            "q=%7B0%7D%3F%5C%5C                     | false",
            "mark=BMW&engine_type=diesel&price_to=300000&seller=dealer&year_from=2010 | mark = 'BMW' AND engine_type = 'diesel' AND price <= 300000 AND seller_type = 'dealer' AND year >= 2010",
    })
    void eachFilterReturnsExactlyTheMatchingActiveListings(String query, String where) {
        JsonNode page = ok("/offers?" + query + "&sort=price&limit=100");
        List<String> expected = api.dsl.fetchValues("SELECT inner_id FROM processed_data WHERE is_active AND ("
                + where + ") ORDER BY price NULLS LAST, id LIMIT 100").stream().map(String::valueOf).toList();
        assertThat(ids(page)).isEqualTo(expected);
        long count = api.value(Long.class, "SELECT count(*) FROM processed_data WHERE is_active AND (" + where + ")");
        if (count <= com.che168sync.application.api.SearchOffersService.EXACT_COUNT_CAP) {
            assertThat(page.at("/meta/total").asLong()).isEqualTo(count);
            assertThat(page.at("/meta/total_exact").asBoolean()).isTrue();
        } else {
            assertThat(page.at("/meta/total_exact").asBoolean()).isFalse();
            assertThat(page.at("/meta/total").asLong()).isBetween(count / 2, count * 2);
        }
        for (JsonNode item : page.get("result")) {
            assertThat(item.at("/data/inner_id").asText()).isEqualTo(item.get("inner_id").asText());
        }
    }

    @ParameterizedTest(name = "sort={0}")
    @CsvSource(delimiter = '|', value = {
            "price    | price ASC NULLS LAST, id ASC",
            "-price   | price DESC NULLS LAST, id DESC",
            "year     | year ASC NULLS LAST, id ASC",
            "-year    | year DESC NULLS LAST, id DESC",
            "mileage  | km_age ASC NULLS LAST, id ASC",
            "-mileage | km_age DESC NULLS LAST, id DESC",
            "newest   | offer_created DESC NULLS LAST, id DESC",
            "oldest   | offer_created ASC NULLS LAST, id ASC",
    })
    void eachSortOrdersLikeSqlAndPagesAgree(String sort, String orderBy) {
        List<String> expected = api.dsl.fetchValues("SELECT inner_id FROM processed_data WHERE is_active "
                + "AND engine_type = 'hybrid' ORDER BY " + orderBy + " LIMIT 300").stream().map(String::valueOf)
                .toList();
        List<String> byPages = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode page = ok("/offers?engine_type=hybrid&sort=" + sort + "&limit=100&page=" + p);
            assertThat(page.at("/meta/page").asInt()).isEqualTo(p);
            assertThat(page.at("/meta/next_page").asInt()).isEqualTo(p + 1);
            byPages.addAll(ids(page));
        }
        assertThat(byPages).isEqualTo(expected);
        List<String> byCursor = new ArrayList<>();
        String cursor = null;
        for (int p = 1; p <= 3; p++) {
            JsonNode page = ok("/offers?engine_type=hybrid&sort=" + sort + "&limit=100"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            byCursor.addAll(ids(page));
            cursor = page.at("/meta/next_cursor").asText();
        }
        assertThat(byCursor).isEqualTo(expected);
    }

    @ParameterizedTest(name = "sort={0}")
    @ValueSource(strings = {"price", "-mileage", "newest"})
    void theCursorVisitsEveryActiveListingExactlyOnce(String sort) {
        Set<String> active = new HashSet<>(api.dsl.fetchValues(
                "SELECT inner_id FROM processed_data WHERE is_active").stream().map(String::valueOf).toList());
        assertThat(active).hasSizeGreaterThan(17_000);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok("/offers?sort=" + sort + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.at("/meta/next_cursor").isNull() ? null : page.at("/meta/next_cursor").asText();
            pages++;
            assertThat(pages).isLessThan(LISTINGS);
        } while (cursor != null);
        assertThat(seen).hasSize(active.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(active);
    }

    @Test
    void offsetPagingIsCappedAndTheCursorGoesOnBeyond() {
        JsonNode last = ok("/offers?limit=100&page=101");
        assertThat(last.at("/meta/next_page").isNull()).isTrue();
        assertThat(last.at("/meta/next_cursor").isNull()).isFalse();
        assertThat(ok("/offers?limit=100&cursor=" + last.at("/meta/next_cursor").asText()).at("/meta/page").asInt())
                .isEqualTo(102);
        expect400("/offers?limit=100&page=102", "page");
    }

    @Test
    void aTamperedOrForeignCursorIsRefused() {
        String cursor = ok("/offers?sort=price&limit=5").at("/meta/next_cursor").asText();
        char[] chars = cursor.toCharArray();
        chars[3] = chars[3] == 'A' ? 'B' : 'A';
        expect400("/offers?sort=price&limit=5&cursor=" + new String(chars), "cursor");
        expect400("/offers?sort=price&limit=5&cursor=" + cursor.substring(0, cursor.length() - 2), "cursor");
        expect400("/offers?sort=price&limit=5&cursor=not-a-cursor", "cursor");
        expect400("/offers?sort=year&limit=5&cursor=" + cursor, "cursor");
        expect400("/offers?sort=price&mark=BMW&limit=5&cursor=" + cursor, "cursor");
        expect400("/offers?sort=price&limit=5&page=2&cursor=" + cursor, "cursor");
        assertThat(ok("/offers?sort=price&limit=7&cursor=" + cursor).get("result").size()).isEqualTo(7);
    }

    @Test
    void aMarkNobodySellsGivesAnEmptyPage() {
        JsonNode page = ok("/offers?mark=Zaporozhets");
        assertThat(page.get("result").size()).isZero();
        assertThat(page.at("/meta/total").asLong()).isZero();
        assertThat(page.at("/meta/next_cursor").isNull()).isTrue();
    }

    @Test
    void theEnvelopeHasResultAndMeta() {
        JsonNode page = ok("/offers");
        assertThat(page.get("result").size()).isEqualTo(20);
        assertThat(page.at("/meta/page").asInt()).isEqualTo(1);
        assertThat(page.at("/meta/next_page").asInt()).isEqualTo(2);
        assertThat(page.at("/meta/limit").asInt()).isEqualTo(20);
        assertThat(page.at("/meta/total").asLong()).isGreaterThan(10_000);
        assertThat(page.at("/meta/next_cursor").asText()).isNotBlank();
        JsonNode first = page.get("result").get(0);
        assertThat(first.at("/data/engine_type/code").asText()).isNotBlank();
        assertThat(first.at("/data/images").isArray()).isTrue();
    }

    @Test
    void storedDocumentsReachTheClientByteForByte() {
        String innerId = api.value(String.class, "SELECT inner_id FROM processed_data WHERE is_active AND mark = '大众'"
                + " AND price IS NOT NULL ORDER BY price, id LIMIT 1");
        String stored = api.value(String.class, "SELECT normalized_data::text FROM processed_data WHERE inner_id = ?",
                innerId);
        assertThat(stored).contains("大众");
        assertThat(api.get("/offers/" + innerId).body()).contains("\"data\":" + stored + "}");
        assertThat(api.get("/offers?mark=%E5%A4%A7%E4%BC%97&sort=price&limit=1").body())
                .contains("\"inner_id\":\"" + innerId + "\"").contains("\"data\":" + stored + "}");
    }

    @Test
    void oneListingIsFoundRemovedOrUnknown() {
        String active = api.value(String.class, "SELECT min(inner_id) FROM processed_data WHERE is_active");
        String removed = api.value(String.class, "SELECT min(inner_id) FROM processed_data WHERE NOT is_active");
        HttpResponse<String> found = api.get("/offers/" + active);
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(TestApi.json(found).at("/data/inner_id").asText()).isEqualTo(active);
        HttpResponse<String> gone = api.get("/offers/" + removed);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(TestApi.json(gone).at("/error/code").asText()).isEqualTo("removed");
        HttpResponse<String> unknown = api.get("/offers/1");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(TestApi.json(unknown).at("/error/code").asText()).isEqualTo("not_found");
        expect400("/offers/" + URLEncoder.encode("1' OR '1'='1", StandardCharsets.UTF_8), "inner_id");
    }

    @Test
    void filtersListValuesWithCountsAndFollowNewData() {
        JsonNode filters = ok("/filters");
        long bmw = api.value(Long.class, "SELECT count(*) FROM processed_data WHERE is_active AND mark = 'BMW'");
        JsonNode bmwNode = null;
        for (JsonNode m : filters.get("mark")) {
            if (m.get("value").asText().equals("BMW")) {
                bmwNode = m;
            }
        }
        assertThat(bmwNode).isNotNull();
        assertThat(bmwNode.get("count").asLong()).isEqualTo(bmw);
        long modelSum = 0;
        for (JsonNode model : bmwNode.get("models")) {
            modelSum += model.get("count").asLong();
        }
        assertThat(modelSum).isEqualTo(bmw);
        long electric = api.value(Long.class, "SELECT count(*) FROM processed_data WHERE is_active AND engine_type = "
                + "'electric'");
        JsonNode electricNode = null;
        for (JsonNode c : filters.get("engine_type")) {
            if (c.get("code").asText().equals("electric")) {
                electricNode = c;
            }
        }
        assertThat(electricNode.get("count").asLong()).isEqualTo(electric);
        assertThat(electricNode.get("labels").get(0).asText()).isEqualTo("Электрический (BEV)");
        assertThat(filters.at("/year/min").asInt()).isEqualTo(2005);
        assertThat(filters.at("/price/max").asLong()).isPositive();

        api.dsl.execute("UPDATE processed_data SET mark = 'Lada', normalized_at = now() + interval '1 second' "
                + "WHERE inner_id = (SELECT min(inner_id) FROM processed_data WHERE is_active)");
        assertThat(ok("/filters").toString()).doesNotContain("\"Lada\"");
        assertThat(ok("/offers?mark=lada").get("result").size()).isZero();
        api.clock.advance(Duration.ofSeconds(6));
        assertThat(ok("/filters").toString()).contains("\"Lada\"");
        assertThat(ok("/offers?mark=lada").get("result").size()).isEqualTo(1);
    }

    private static JsonNode ok(String path) {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return TestApi.json(r);
    }

    private static void expect400(String path, String parameter) {
        HttpResponse<String> r = api.get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(400);
        assertThat(TestApi.json(r).at("/error/parameter").asText()).isEqualTo(parameter);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("result").forEach(n -> ids.add(n.get("inner_id").asText()));
        return ids;
    }
}

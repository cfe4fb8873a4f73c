package com.che168sync.adapter.postgres.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferRow;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.application.port.out.api.SearchOffersPort;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.application.port.out.tokens.ApiToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API's queries use the V20 indexes (no sequential scan, no sort) and the repositories keep their promises. */
class ApiQueryPlansIT {
    private static DSLContext dsl;
    private static JooqOfferSearchRepository offers;

    @BeforeAll
    static void data() {
        dsl = DSL.using(PostgresFixture.shared().newDatabase().dataSource(), SQLDialect.POSTGRES);
        new SyntheticListings(dsl).generate(1, 30_000, 10);
        dsl.execute("VACUUM ANALYZE processed_data");
        offers = new JooqOfferSearchRepository(dsl);
    }

    @Test
    void everyOrderReadsItsIndexWithoutSortingOrScanningTheTable() {
        for (OfferSort sort : OfferSort.values()) {
            String plan = plan(OfferSqlText.pageSql(OfferCriteria.ALL, sort, null, 0, 21));
            assertThat(plan).as(sort.parameter()).contains("Index Scan").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
            OfferRow middle = offers.findPage(OfferCriteria.ALL, sort, null, 10_000, 1).get(0);
            String deep = plan(OfferSqlText.pageSql(OfferCriteria.ALL, sort, new Keyset(middle.sortKey(), middle.id()),
                    0, 21));
            assertThat(deep).as(sort.parameter() + " keyset").contains("Index Cond").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
        }
    }

    @Test
    void filtersOnTrailingColumnsAreCheckedInsideTheIndex() {
        OfferCriteria filtered = new OfferCriteria(null, null, 2015, null, null, 500_000L, null, null, "electric",
                null, null, null, null, null, "dealer", null);
        String plan = plan(OfferSqlText.pageSql(filtered, OfferSort.PRICE_DESC, null, 0, 21));
        assertThat(plan).contains("processed_data_api_price_idx").doesNotContain("Seq Scan");
        assertThat(plan).containsPattern("Index Cond: .*engine_type");
    }

    @Test
    void theGenericPlansOfTheBoundStatementsReadTheSameIndexes() {
        dsl.connection(c -> {
            OfferCriteria filtered = new OfferCriteria(null, null, 2015, null, 100_000L, 500_000L, null, 150_000,
                    "electric", null, null, null, null, null, "dealer", null);
            assertThat(genericPlan(c, OfferSqlText.page(filtered, OfferSort.PRICE_DESC, null, 0, 21)))
                    .contains("processed_data_api_price_idx").containsPattern("Index Cond: .*engine_type")
                    .doesNotContain("Seq Scan").doesNotContain("Sort");
            assertThat(genericPlan(c, OfferSqlText.count(filtered, 1001))).doesNotContain("Seq Scan");
            // a page binds only the range on its sort key: a plan for any price would walk the newest index past
            // every listing a low price_to excludes
            assertThat(OfferSqlText.page(filtered, OfferSort.NEWEST, null, 0, 21).values()).isEmpty();
            assertThat(OfferSqlText.page(filtered, OfferSort.PRICE_DESC, null, 0, 21).values())
                    .containsOnlyKeys("price_from", "price_to");
            assertThat(OfferSqlText.count(filtered, 1001).values())
                    .containsOnlyKeys("year_from", "price_from", "price_to", "km_age_to");
            assertThat(genericPlan(c, OfferSqlText.offer("41000319"))).contains("processed_data_inner_id_key");
            // a cursor's position is written in: a popular search's next page is planned once, not at every use
            assertThat(OfferSqlText.page(filtered, OfferSort.PRICE_DESC, new Keyset(300_000L, 5L), 0, 21).values())
                    .containsOnlyKeys("price_from", "price_to");
        });
    }

    @Test
    void searchesThatDifferInTheirRangesShareOneServerPreparedStatement() {
        dsl.connection(c -> {
            JooqOfferSearchRepository onOneConnection = new JooqOfferSearchRepository(DSL.using(c,
                    SQLDialect.POSTGRES));
            for (int i = 0; i < 20; i++) {
                OfferCriteria criteria = new OfferCriteria(null, null, 2012, null, null, 200_000L + i * 7_919,
                        null, null, "electric", null, null, null, null, null, null, null);
                // as a search whose total is not known yet reads them: in one round trip
                SearchOffersPort.PageAndCount both = onOneConnection.inOneSession(session ->
                        session.findPageAndCount(criteria, OfferSort.PRICE_DESC, null, 0, 21, 1001));
                if (i % 5 == 0) { // on other connections: the page and the count read one after the other
                    assertThat(both.rows()).extracting(OfferRow::id).containsExactlyElementsOf(offers.findPage(
                            criteria, OfferSort.PRICE_DESC, null, 0, 21).stream().map(OfferRow::id).toList());
                    assertThat(both.count()).isEqualTo(offers.countUpTo(criteria, 1001)).isPositive();
                }
            }
            var prepared = DSL.using(c, SQLDialect.POSTGRES).fetch("SELECT statement, generic_plans, custom_plans "
                    + "FROM pg_prepared_statements WHERE statement LIKE '%price <= $%' "
                    + "AND statement NOT LIKE '%price IS NULL%'");
            assertThat(prepared).as("the page and the count sent together, each one named statement for all 20 "
                    + "price_to").hasSize(2);
            for (var statement : prepared) {
                // the driver prepares a text on the server at its 5th use; from then on nothing is parsed again (and
                // PostgreSQL plans each execution for its values or reuses one plan, by its cost estimates)
                assertThat(statement.get("generic_plans", Long.class) + statement.get("custom_plans", Long.class))
                        .as(statement.get(0, String.class)).isGreaterThanOrEqualTo(15L);
            }
        });
    }

    @Test
    void freeTextUsesTheTrigramIndexWhenPgTrgmIsThere() {
        assertThat(dsl.fetchValue("SELECT count(*) FROM pg_indexes WHERE indexname = "
                + "'processed_data_api_search_trgm_idx'")).isEqualTo(1L);
        dsl.execute("SET enable_seqscan = off");
        try {
            OfferCriteria q = new OfferCriteria(null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, "mercedes");
            assertThat(plan(OfferSqlText.pageSql(q, OfferSort.NEWEST, null, 0, 21)))
                    .contains("processed_data_api_search_trgm_idx");
        } finally {
            dsl.execute("RESET enable_seqscan");
        }
    }

    @Test
    void offsetPagesCrossIntoTheTailOfUnknownKeysWithoutLosingRows() {
        long withPrice = count("is_active AND price IS NOT NULL");
        long all = count("is_active");
        List<OfferRow> atBoundary = offers.findPage(OfferCriteria.ALL, OfferSort.PRICE, null, (int) withPrice - 5, 10);
        assertThat(atBoundary).hasSize(10);
        assertThat(atBoundary.subList(0, 5)).allMatch(r -> r.sortKey() != null);
        assertThat(atBoundary.subList(5, 10)).allMatch(r -> r.sortKey() == null);
        List<OfferRow> inTail = offers.findPage(OfferCriteria.ALL, OfferSort.PRICE, null, (int) withPrice + 3, 10);
        assertThat(inTail.get(0).id()).isEqualTo(dsl.fetchValue("SELECT id FROM processed_data WHERE is_active AND "
                + "price IS NULL ORDER BY id OFFSET 3 LIMIT 1"));
        assertThat(offers.countUpTo(OfferCriteria.ALL, 1_000_000)).isEqualTo(all);
        assertThat(offers.countUpTo(OfferCriteria.ALL, 100)).isEqualTo(100);
        assertThat(offers.estimateCount(OfferCriteria.ALL)).isBetween(all / 2, all * 2);
    }

    @Test
    void lastUsedIsWrittenForManyTokensAtOnceAndNeverMovesBack() {
        dsl.execute("INSERT INTO api_tokens (id, token, description) VALUES (901, 'PlanTokenAAAAAA1', 'a'), "
                + "(902, 'PlanTokenAAAAAA2', 'b')");
        JooqTokenAuthRepository tokens = new JooqTokenAuthRepository(dsl);
        Instant t1 = Instant.parse("2026-11-23T10:00:00Z");
        tokens.recordLastUsed(Map.of(901, t1, 902, t1.plusSeconds(5)));
        tokens.recordLastUsed(Map.of(901, t1.minusSeconds(60)));
        Map<Integer, Instant> stored = tokens.loadTokens().stream().filter(t -> t.id() > 900)
                .collect(Collectors.toMap(ApiToken::id, ApiToken::lastUsedAt));
        assertThat(stored).containsEntry(901, t1).containsEntry(902, t1.plusSeconds(5));
        assertThat(dsl.resultQuery("SELECT last_used_at FROM api_tokens WHERE id = 901")
                .fetchOne(0, OffsetDateTime.class).toInstant()).isEqualTo(t1);
    }

    private static long count(String where) {
        return dsl.resultQuery("SELECT count(*) FROM processed_data WHERE " + where).fetchOne(0, Long.class);
    }

    /**
     * EXPLAIN of the plan PostgreSQL caches for the statement and reuses for any value of its parameters (a generic
     * plan), on connection {@code c}.
     */
    private static String genericPlan(java.sql.Connection c, OfferSqlText.Statement statement)
            throws java.sql.SQLException {
        String sql = statement.sql();
        List<String> names = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":([a-z_]+)").matcher(sql);
        StringBuilder numbered = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(numbered, "\\$" + names.size());
        }
        m.appendTail(numbered);
        DSLContext on = DSL.using(c, SQLDialect.POSTGRES);
        on.execute("PREPARE generic AS " + numbered);
        try {
            on.execute("SET plan_cache_mode = force_generic_plan");
            String values = names.stream().map(statement.values()::get)
                    .map(v -> v instanceof Number ? v.toString() : "'" + v + "'").collect(Collectors.joining(", "));
            return on.fetch("EXPLAIN EXECUTE generic(" + values + ")").stream().map(r -> r.get(0, String.class))
                    .collect(Collectors.joining("\n"));
        } finally {
            on.execute("RESET plan_cache_mode");
            on.execute("DEALLOCATE generic");
        }
    }

    private static String plan(String sql) {
        return dsl.fetch("EXPLAIN " + sql).stream().map(r -> r.get(0, String.class)).collect(Collectors.joining("\n"));
    }
}

package com.che168sync.adapter.postgres.api;

import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferSort;

/**
 * The SQL the API's repository ({@link JooqOfferSearchRepository}) runs, values inlined: what {@code bench api}
 * gives pgbench and what the EXPLAIN checks of {@code ApiQueryPlansIT} look at. Test support (this module's
 * test-jar), so that the production repository carries no benchmark code.
 */
public final class OfferSqlText {
    private OfferSqlText() {
    }

    /** {@code findPage}'s main query (the one that serves every page but the tail of unknown sort keys). */
    public static String pageSql(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        return OfferSql.page(criteria, sort, after, false, offset, limit).inlined();
    }

    /** {@code countUpTo}'s query. */
    public static String countSql(OfferCriteria criteria, long cap) {
        return OfferSql.count(criteria, null, cap).inlined();
    }

    /** What {@code estimateCount} asks the planner. */
    public static String estimateSql(OfferCriteria criteria) {
        return "EXPLAIN (FORMAT JSON) " + OfferSql.matching(criteria).inlined();
    }

    /** {@code loadOffer}'s query. */
    public static String offerSql(String innerId) {
        return OfferSql.offer(innerId).inlined();
    }
}

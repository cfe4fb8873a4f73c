package com.che168sync.adapter.postgres.api;

import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferSort;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The SQL the API's repository ({@link JooqOfferSearchRepository}) runs: with every value inlined (what the EXPLAIN
 * checks of {@code ApiQueryPlansIT} look at), and as {@code bench api} gives it to pgbench ({@link Statement}: the
 * same text, each value the server binds as a pgbench variable). Test support (this module's test-jar), so that the
 * production repository carries no benchmark code.
 */
public final class OfferSqlText {
    /** pgbench's {@code \set} takes numbers: text values must be plain digits (an id like {@code 41000319}). */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("0|[1-9][0-9]{0,17}");

    private OfferSqlText() {
    }

    /**
     * A statement as {@code pgbench -M prepared} runs it: the server's text with {@code :name} where the server binds
     * a value (pgbench prepares it with a parameter there, as the driver does) and those values by name.
     */
    public record Statement(String sql, Map<String, Object> values) {
        public Statement {
            values = Map.copyOf(values);
        }

        /** {@code \set name value} lines for the values, except those the caller sets itself. */
        public String sets(String... except) {
            List<String> skip = List.of(except);
            StringBuilder b = new StringBuilder();
            for (Map.Entry<String, Object> e : new java.util.TreeMap<>(values).entrySet()) {
                if (skip.contains(e.getKey())) {
                    continue;
                }
                Object v = e.getValue();
                if (!(v instanceof Long || v instanceof Integer
                        || v instanceof String s && PLAIN_NUMBER.matcher(s).matches())) {
                    throw new IllegalArgumentException("pgbench cannot \\set " + e.getKey() + " to " + v
                            + " (numbers only)");
                }
                b.append("\\set ").append(e.getKey()).append(' ').append(v).append('\n');
            }
            return b.toString();
        }

        /** The statement with its {@code \set} lines before it, ended by {@code ;}: a pgbench script. */
        public String script() {
            return sets() + sql + ";\n";
        }
    }

    /** {@code findPage}'s main query (the one that serves every page but the tail of unknown sort keys). */
    public static String pageSql(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        return OfferSql.page(criteria, sort, after, false, offset, limit).inlined();
    }

    /** {@link #pageSql} as pgbench runs it. */
    public static Statement page(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        return pgbench(OfferSql.page(criteria, sort, after, false, offset, limit), "");
    }

    /** {@code countUpTo}'s query. */
    public static String countSql(OfferCriteria criteria, long cap) {
        return OfferSql.count(criteria, null, cap).inlined();
    }

    /** {@link #countSql} as pgbench runs it. */
    public static Statement count(OfferCriteria criteria, long cap) {
        return pgbench(OfferSql.count(criteria, null, cap), "");
    }

    /** What {@code estimateCount} asks the planner. */
    public static String estimateSql(OfferCriteria criteria) {
        return OfferSql.EXPLAIN + OfferSql.matching(criteria).inlined();
    }

    /** {@link #estimateSql} as pgbench runs it. */
    public static Statement estimate(OfferCriteria criteria) {
        return pgbench(OfferSql.matching(criteria), OfferSql.EXPLAIN);
    }

    /** {@code loadOffer}'s query. */
    public static String offerSql(String innerId) {
        return OfferSql.offer(innerId).inlined();
    }

    /** {@link #offerSql} as pgbench runs it. */
    public static Statement offer(String innerId) {
        return pgbench(OfferSql.offer(innerId), "");
    }

    private static Statement pgbench(OfferSql s, String prefix) {
        return new Statement(prefix + s.pgbench(), s.bound());
    }
}

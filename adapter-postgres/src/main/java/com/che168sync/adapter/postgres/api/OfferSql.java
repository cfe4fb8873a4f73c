package com.che168sync.adapter.postgres.api;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;

import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferSort;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;

/**
 * One statement of the search: SQL text with {@code ?} placeholders and its values in order, written directly
 * rather than rendered by jOOQ. A search runs on every API request, and rendering its query with jOOQ took about a
 * seventh of the server's CPU per request (building the query objects, visiting them, the bind pass); this is a
 * StringBuilder. Column names come from the generated classes, so a renamed column still fails the build.
 *
 * <p>Which values are bound and which are written in as literals decides what PostgreSQL plans. Bound (each with a
 * name, {@link #bound}): a listing's inner_id, the year, price and mileage ranges of a count and its estimate, and
 * in a page the range on its sort key: values a client varies freely, where any plan PostgreSQL may reuse for them
 * reads the right index. Searches that differ only there share one statement text: the driver prepares it on the
 * server after five uses on a connection (no more parsing), and PostgreSQL plans each execution for its values
 * until, after five, it finds a plan for any value that it estimates no more expensive and keeps it (measured at
 * 250,000 listings: it does for the filtered first page and the detail). Written in: the equality filters on columns
 * of few values (make, model, city, codes, seller), the free text, a page's other ranges, a cursor's position, LIMIT
 * and OFFSET. They make a finite set of texts, each planned once for its values (the statistics know a rare make
 * from a common one) and then cached; a bound cursor was planned again at every use of a popular search's next page
 * (PostgreSQL kept its custom plans, estimated cheaper), a bound LIMIT is planned as if a tenth of the rows were read.
 */
final class OfferSql {
    /** The expression of the trigram index of V20 (must stay identical to it for the index to be used). */
    static final String SEARCH_EXPRESSION =
            "lower(coalesce(mark, '') || ' ' || coalesce(model, '') || ' ' || coalesce(car_name, ''))";
    private static final String TABLE = PROCESSED_DATA.getName();
    private static final String ID = PROCESSED_DATA.ID.getName();
    /** What asks the planner for its estimate (the first "Plan Rows" of the JSON is the top node's). */
    static final String EXPLAIN = "EXPLAIN (FORMAT JSON) ";

    private final StringBuilder sql = new StringBuilder(256);
    private final List<Object> values = new ArrayList<>(8);
    /** Per value: the name it is bound under, or null when it is written in as a literal. */
    private final List<String> names = new ArrayList<>(8);
    /** See {@link #where}. */
    private Field<?> rangesBoundOn;

    /** {@code SELECT id, inner_id, <sort key>, normalized_data, normalized_at} of one page, main part or tail. */
    static OfferSql page(OfferCriteria criteria, OfferSort sort, Keyset after, boolean tail, int offset, int limit) {
        String key = key(sort.key()).getName();
        OfferSql s = new OfferSql();
        s.sql.append("SELECT ").append(ID).append(", ").append(PROCESSED_DATA.INNER_ID.getName()).append(", ")
                .append(key).append(", ").append(PROCESSED_DATA.NORMALIZED_DATA.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_AT.getName()).append(" FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria, key(sort.key()));
        String direction = sort.descending() ? " DESC" : "";
        if (tail) {
            s.sql.append(" AND ").append(key).append(" IS NULL");
            if (after != null) {
                s.sql.append(" AND ").append(ID).append(sort.descending() ? " < " : " > ");
                s.literal(after.id());
            }
            s.sql.append(" ORDER BY ").append(ID).append(direction);
        } else {
            s.sql.append(" AND ").append(key).append(" IS NOT NULL");
            if (after != null) {
                s.sql.append(" AND (").append(key).append(", ").append(ID).append(sort.descending() ? ") < ("
                        : ") > (");
                s.literal(keyValue(sort.key(), after.sortKey()));
                s.sql.append(", ");
                s.literal(after.id());
                s.sql.append(')');
            }
            s.sql.append(" ORDER BY ").append(key).append(direction).append(", ").append(ID).append(direction);
        }
        s.sql.append(" LIMIT ");
        s.literal(limit);
        s.sql.append(" OFFSET ");
        s.literal(offset);
        return s;
    }

    /** {@code SELECT count(*)} of the matching rows, counting at most {@code cap}; with the sort key not null. */
    static OfferSql count(OfferCriteria criteria, OfferSort.SortKey notNullKey, long cap) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT count(*) FROM (SELECT 1 FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria, null);
        if (notNullKey != null) {
            s.sql.append(" AND ").append(key(notNullKey).getName()).append(" IS NOT NULL");
        }
        s.sql.append(" LIMIT ");
        s.literal(cap);
        s.sql.append(") AS matching");
        return s;
    }

    /** {@code SELECT 1} of the matching rows: what the planner is asked to estimate. */
    static OfferSql matching(OfferCriteria criteria) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT 1 FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria, null);
        return s;
    }

    /** This statement and then {@code next}, as one text: the driver sends both in one round trip. */
    OfferSql then(OfferSql next) {
        OfferSql s = new OfferSql();
        s.sql.append(sql).append("; ").append(next.sql);
        s.values.addAll(values);
        s.values.addAll(next.values);
        s.names.addAll(names);
        s.names.addAll(next.names);
        return s;
    }

    /** One listing by its id. */
    static OfferSql offer(String innerId) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT ").append(PROCESSED_DATA.INNER_ID.getName()).append(", ")
                .append(PROCESSED_DATA.IS_ACTIVE.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_DATA.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_AT.getName()).append(" FROM ").append(TABLE).append(" WHERE ")
                .append(PROCESSED_DATA.INNER_ID.getName()).append(" = ");
        s.bind("inner_id", innerId);
        return s;
    }

    /**
     * Prepares the statement on {@code c}: the literals written in, the bound values set. The driver prepares a
     * text it has run {@code prepareThreshold} times (5) on this connection as a named statement on the server, as
     * {@code pgbench -M prepared} does, and PostgreSQL's plan cache takes it from there.
     */
    PreparedStatement prepare(java.sql.Connection c) throws SQLException {
        return prepare(c, "");
    }

    /**
     * {@code EXPLAIN (FORMAT JSON)} of the statement, prepared as {@link #prepare} does: the planner's plan for
     * these values (the bound ones included: PostgreSQL plans an EXPLAIN with the parameters it is given).
     */
    PreparedStatement explain(java.sql.Connection c) throws SQLException {
        return prepare(c, EXPLAIN);
    }

    private PreparedStatement prepare(java.sql.Connection c, String prefix) throws SQLException {
        PreparedStatement ps = c.prepareStatement(prefix + render(null));
        try {
            int index = 1;
            for (int i = 0; i < values.size(); i++) {
                if (names.get(i) != null) {
                    switch (values.get(i)) {
                        case Long l -> ps.setLong(index++, l);
                        case Integer n -> ps.setInt(index++, n);
                        case String text -> ps.setString(index++, text);
                        case Object other -> ps.setObject(index++, other);
                    }
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /**
     * The statement with every value written in as a literal: numbers as digits, dates as
     * {@code date 'YYYY-MM-DD'}, text as {@code E'…'} with every backslash and quote escaped (safe whatever
     * {@code standard_conforming_strings} says). What EXPLAIN checks read.
     */
    String inlined() {
        return render("");
    }

    /**
     * The text as {@code pgbench} runs it: the same literals, and each bound value as the variable of its name
     * ({@code :price_to}), which {@code pgbench -M prepared} sends as a parameter of a prepared statement, as the
     * driver does.
     */
    String pgbench() {
        return render(":");
    }

    /** The bound values by name, in order. */
    java.util.Map<String, Object> bound() {
        java.util.Map<String, Object> bound = new java.util.LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            if (names.get(i) != null) {
                bound.put(names.get(i), values.get(i));
            }
        }
        return bound;
    }

    /** Bound values as {@code ?} (variable null), as literals (""), or as {@code :name} (":"). */
    private String render(String variable) {
        StringBuilder b = new StringBuilder(sql.length() + 64);
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf("'", i + 1);
                b.append(sql, i, end + 1);
                i = end;
            } else if (c == '?') {
                String name = names.get(next);
                Object value = values.get(next++);
                if (name == null || "".equals(variable)) {
                    b.append(sqlLiteral(value));
                } else if (variable == null) {
                    b.append('?');
                } else {
                    b.append(variable).append(name);
                }
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void bind(String name, Object value) {
        sql.append('?');
        values.add(value);
        names.add(name);
    }

    private void literal(Object value) {
        sql.append('?');
        values.add(value);
        names.add(null);
    }

    /**
     * The WHERE clause of a criteria: always {@code is_active} first (the partial indexes' predicate). The ranges
     * are bound when {@code rangesBoundOn} is null (a count: its plans read an index the ranges or the written-in
     * filters bound, whatever the values), else only those on that column, the page's sort key: its index is read in
     * order from the range's start, which is the best plan for any value. A range on another column is written in:
     * a plan that ignores its value would walk the sort key's index past every row it excludes (at 250,000 listings,
     * {@code sort=newest&price_to=8000} took 10 ms with such a plan against 0.1 ms planned for the value).
     */
    private void where(OfferCriteria c, Field<?> rangesBoundOn) {
        this.rangesBoundOn = rangesBoundOn;
        sql.append(PROCESSED_DATA.IS_ACTIVE.getName());
        in(PROCESSED_DATA.MARK, c.marks());
        in(PROCESSED_DATA.MODEL, c.models());
        range(PROCESSED_DATA.YEAR, " >= ", "year_from", c.yearFrom());
        range(PROCESSED_DATA.YEAR, " <= ", "year_to", c.yearTo());
        range(PROCESSED_DATA.PRICE, " >= ", "price_from", c.priceFrom());
        range(PROCESSED_DATA.PRICE, " <= ", "price_to", c.priceTo());
        range(PROCESSED_DATA.KM_AGE, " >= ", "km_age_from", c.kmAgeFrom());
        range(PROCESSED_DATA.KM_AGE, " <= ", "km_age_to", c.kmAgeTo());
        equal(PROCESSED_DATA.ENGINE_TYPE, c.engineType());
        equal(PROCESSED_DATA.TRANSMISSION_TYPE, c.transmissionType());
        equal(PROCESSED_DATA.BODY_TYPE, c.bodyType());
        equal(PROCESSED_DATA.DRIVE_TYPE, c.driveType());
        equal(PROCESSED_DATA.COLOR, c.color());
        in(PROCESSED_DATA.CITY, c.cities());
        equal(PROCESSED_DATA.SELLER_TYPE, c.seller());
        if (c.q() != null) {
            sql.append(" AND ").append(SEARCH_EXPRESSION).append(" LIKE ");
            literal(likePattern(c.q()));
            sql.append(" ESCAPE '\\'");
        }
    }

    /** One end of a range: bound, or written in on a page whose sort key is another column. */
    private void range(Field<?> column, String operator, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column.getName()).append(operator);
            if (rangesBoundOn == null || rangesBoundOn.equals(column)) {
                bind(name, value);
            } else {
                literal(value);
            }
        }
    }

    /** An equality on a column of few values, written in. */
    private void equal(Field<?> column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column.getName()).append(" = ");
            literal(value);
        }
    }

    private void in(Field<String> column, List<String> list) {
        if (list == null) {
            return;
        }
        sql.append(" AND ").append(column.getName());
        if (list.size() == 1) {
            sql.append(" = ");
            literal(list.get(0));
        } else {
            sql.append(" IN (");
            for (int i = 0; i < list.size(); i++) {
                sql.append(i == 0 ? "" : ", ");
                literal(list.get(i));
            }
            sql.append(')');
        }
    }

    static Field<?> key(OfferSort.SortKey key) {
        return switch (key) {
            case PRICE -> PROCESSED_DATA.PRICE;
            case YEAR -> PROCESSED_DATA.YEAR;
            case KM_AGE -> PROCESSED_DATA.KM_AGE;
            case OFFER_CREATED -> PROCESSED_DATA.OFFER_CREATED;
        };
    }

    /** A cursor's sort key as the column's type (dates travel as epoch days; out-of-range values clamped). */
    private static Object keyValue(OfferSort.SortKey key, long v) {
        return switch (key) {
            case PRICE -> v;
            case YEAR, KM_AGE -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
            case OFFER_CREATED -> LocalDate.ofEpochDay(Math.max(-365_000_000L, Math.min(365_000_000L, v)));
        };
    }

    /** {@code %text%} with LIKE's wildcards in the text escaped. */
    static String likePattern(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8).append('%');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' || ch == '_' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.append('%').toString();
    }

    private static String sqlLiteral(Object value) {
        return switch (value) {
            case String s -> "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case LocalDate d -> "date '" + d + "'";
            default -> throw new IllegalArgumentException("no literal for " + value.getClass());
        };
    }
}

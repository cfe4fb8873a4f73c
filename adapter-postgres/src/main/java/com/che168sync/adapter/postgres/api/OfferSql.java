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
 */
final class OfferSql {
    /** The expression of the trigram index of V20 (must stay identical to it for the index to be used). */
    static final String SEARCH_EXPRESSION =
            "lower(coalesce(mark, '') || ' ' || coalesce(model, '') || ' ' || coalesce(car_name, ''))";
    private static final String TABLE = PROCESSED_DATA.getName();
    private static final String ID = PROCESSED_DATA.ID.getName();

    private final StringBuilder sql = new StringBuilder(256);
    private final List<Object> values = new ArrayList<>(8);

    /** {@code SELECT id, inner_id, <sort key>, normalized_data, normalized_at} of one page, main part or tail. */
    static OfferSql page(OfferCriteria criteria, OfferSort sort, Keyset after, boolean tail, int offset, int limit) {
        String key = key(sort.key()).getName();
        OfferSql s = new OfferSql();
        s.sql.append("SELECT ").append(ID).append(", ").append(PROCESSED_DATA.INNER_ID.getName()).append(", ")
                .append(key).append(", ").append(PROCESSED_DATA.NORMALIZED_DATA.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_AT.getName()).append(" FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria);
        String direction = sort.descending() ? " DESC" : "";
        if (tail) {
            s.sql.append(" AND ").append(key).append(" IS NULL");
            if (after != null) {
                s.sql.append(" AND ").append(ID).append(sort.descending() ? " < ?" : " > ?");
                s.values.add(after.id());
            }
            s.sql.append(" ORDER BY ").append(ID).append(direction);
        } else {
            s.sql.append(" AND ").append(key).append(" IS NOT NULL");
            if (after != null) {
                s.sql.append(" AND (").append(key).append(", ").append(ID).append(sort.descending() ? ") < (?, ?)"
                        : ") > (?, ?)");
                s.values.add(keyValue(sort.key(), after.sortKey()));
                s.values.add(after.id());
            }
            s.sql.append(" ORDER BY ").append(key).append(direction).append(", ").append(ID).append(direction);
        }
        s.sql.append(" LIMIT ? OFFSET ?");
        s.values.add(limit);
        s.values.add(offset);
        return s;
    }

    /** {@code SELECT count(*)} of the matching rows, counting at most {@code cap}; with the sort key not null. */
    static OfferSql count(OfferCriteria criteria, OfferSort.SortKey notNullKey, long cap) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT count(*) FROM (SELECT 1 FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria);
        if (notNullKey != null) {
            s.sql.append(" AND ").append(key(notNullKey).getName()).append(" IS NOT NULL");
        }
        s.sql.append(" LIMIT ?) AS matching");
        s.values.add(cap);
        return s;
    }

    /** {@code SELECT 1} of the matching rows: what the planner is asked to estimate. */
    static OfferSql matching(OfferCriteria criteria) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT 1 FROM ").append(TABLE).append(" WHERE ");
        s.where(criteria);
        return s;
    }

    /** One listing by its id. */
    static OfferSql offer(String innerId) {
        OfferSql s = new OfferSql();
        s.sql.append("SELECT ").append(PROCESSED_DATA.INNER_ID.getName()).append(", ")
                .append(PROCESSED_DATA.IS_ACTIVE.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_DATA.getName()).append(", ")
                .append(PROCESSED_DATA.NORMALIZED_AT.getName()).append(" FROM ").append(TABLE).append(" WHERE ")
                .append(PROCESSED_DATA.INNER_ID.getName()).append(" = ?");
        s.values.add(innerId);
        return s;
    }

    /**
     * Prepares the statement on {@code c} with its values written in as literals ({@link #inlined}): PostgreSQL
     * then plans it for these values (its statistics know how common a make or a price band is), and the driver's
     * statement cache prepares a request that repeats once, on the server, as {@code pgbench -M prepared} does. With
     * bound parameters the server settled on generic plans, which cost the database 10–45 % more CPU per request
     * (measured at 250,000 listings: a make + seller page 2,500 against 1,970 µs, a deep cursor page 450 against
     * 300 µs).
     */
    PreparedStatement prepare(java.sql.Connection c) throws SQLException {
        return c.prepareStatement(inlined());
    }

    /**
     * The statement with its values written in as literals: numbers as digits, dates as {@code date 'YYYY-MM-DD'},
     * text as {@code E'…'} with every backslash and quote escaped (safe whatever
     * {@code standard_conforming_strings} says). Also what EXPLAIN checks and {@code bench api}'s pgbench run.
     */
    String inlined() {
        StringBuilder b = new StringBuilder(sql.length() + 64);
        int next = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                int end = sql.indexOf("'", i + 1);
                b.append(sql, i, end + 1);
                i = end;
            } else if (c == '?') {
                b.append(literal(values.get(next++)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The WHERE clause of a criteria: always {@code is_active} first (the partial indexes' predicate). */
    private void where(OfferCriteria c) {
        sql.append(PROCESSED_DATA.IS_ACTIVE.getName());
        in(PROCESSED_DATA.MARK, c.marks());
        in(PROCESSED_DATA.MODEL, c.models());
        compare(PROCESSED_DATA.YEAR, " >= ?", c.yearFrom());
        compare(PROCESSED_DATA.YEAR, " <= ?", c.yearTo());
        compare(PROCESSED_DATA.PRICE, " >= ?", c.priceFrom());
        compare(PROCESSED_DATA.PRICE, " <= ?", c.priceTo());
        compare(PROCESSED_DATA.KM_AGE, " >= ?", c.kmAgeFrom());
        compare(PROCESSED_DATA.KM_AGE, " <= ?", c.kmAgeTo());
        compare(PROCESSED_DATA.ENGINE_TYPE, " = ?", c.engineType());
        compare(PROCESSED_DATA.TRANSMISSION_TYPE, " = ?", c.transmissionType());
        compare(PROCESSED_DATA.BODY_TYPE, " = ?", c.bodyType());
        compare(PROCESSED_DATA.DRIVE_TYPE, " = ?", c.driveType());
        compare(PROCESSED_DATA.COLOR, " = ?", c.color());
        in(PROCESSED_DATA.CITY, c.cities());
        compare(PROCESSED_DATA.SELLER_TYPE, " = ?", c.seller());
        if (c.q() != null) {
            sql.append(" AND ").append(SEARCH_EXPRESSION).append(" LIKE ? ESCAPE '\\'");
            values.add(likePattern(c.q()));
        }
    }

    private void compare(Field<?> column, String operator, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column.getName()).append(operator);
            values.add(value);
        }
    }

    private void in(Field<String> column, List<String> list) {
        if (list == null) {
            return;
        }
        sql.append(" AND ").append(column.getName());
        if (list.size() == 1) {
            sql.append(" = ?");
        } else {
            sql.append(" IN (");
            for (int i = 0; i < list.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            sql.append(')');
        }
        values.addAll(list);
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

    private static String literal(Object value) {
        return switch (value) {
            case String s -> "E'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case LocalDate d -> "date '" + d + "'";
            default -> throw new IllegalArgumentException("no literal for " + value.getClass());
        };
    }
}

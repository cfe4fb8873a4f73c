package com.che168sync.adapter.postgres.api;

import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.LoadOfferPort;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferRow;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.application.port.out.api.RawJson;
import com.che168sync.application.port.out.api.SearchOffersPort;
import com.che168sync.application.port.out.api.SearchOffersPort.PageAndCount;
import com.che168sync.application.port.out.api.StoredOffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/**
 * Pages of active listings. Each order reads an index on (sort key, id, other filter columns…) WHERE is_active
 * (V20): the order comes from the index, the other filters are checked inside it, and the keyset condition
 * {@code (key, id) > (?, ?)} starts the scan right where the previous page ended, so a page costs the same at any
 * depth. Rows whose key is null form a tail after all others (their own small partial index), read only when the
 * main part is exhausted.
 *
 * <p>This is the API's hot path, so its statements are written by {@link OfferSql} and run with plain JDBC on the
 * DSLContext's connections (jOOQ's rendering and record mapping were a quarter of a request's CPU), and the
 * listings' documents are read as the bytes the driver received (the jsonb's text, UTF-8), handed to the response
 * as they are.
 */
public final class JooqOfferSearchRepository implements SearchOffersPort, LoadOfferPort {
    /** The planner's estimate of the top plan node in EXPLAIN's JSON (its first "Plan Rows"). */
    private static final Pattern PLAN_ROWS = Pattern.compile("\"Plan Rows\": ([0-9.eE+]+)");

    private final DSLContext dsl;

    public JooqOfferSearchRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
    }

    @Override
    public List<OfferRow> findPage(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        return dsl.connectionResult(c -> findPage(c, criteria, sort, after, offset, limit));
    }

    @Override
    public long countUpTo(OfferCriteria criteria, long cap) {
        return dsl.connectionResult(c -> count(c, OfferSql.count(criteria, null, cap)));
    }

    @Override
    public long estimateCount(OfferCriteria criteria) {
        return dsl.connectionResult(c -> estimate(c, criteria));
    }

    /** The work on one pooled connection, taken once and given back when it returns. */
    @Override
    public <T> T inOneSession(Function<SearchOffersPort, T> work) {
        return dsl.connectionResult(c -> work.apply(new Session(c)));
    }

    @Override
    public Optional<StoredOffer> loadOffer(String innerId) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement ps = OfferSql.offer(innerId).prepare(c); ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredOffer(rs.getString(1), rs.getBoolean(2), RawJson.ofUtf8(rs.getBytes(3)),
                                instant(rs.getObject(4, OffsetDateTime.class))))
                        : Optional.<StoredOffer>empty();
            }
        });
    }

    /** The port's reads on one connection. */
    private record Session(Connection c) implements SearchOffersPort {
        @Override
        public List<OfferRow> findPage(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
            try {
                return JooqOfferSearchRepository.findPage(c, criteria, sort, after, offset, limit);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public long countUpTo(OfferCriteria criteria, long cap) {
            try {
                return count(c, OfferSql.count(criteria, null, cap));
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public PageAndCount findPageAndCount(OfferCriteria criteria, OfferSort sort, Keyset after, int offset,
                                             int limit, long cap) {
            try {
                return JooqOfferSearchRepository.findPageAndCount(c, criteria, sort, after, offset, limit, cap);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        @Override
        public long estimateCount(OfferCriteria criteria) {
            try {
                return estimate(c, criteria);
            } catch (SQLException e) {
                throw failed(e);
            }
        }

        private static DataAccessException failed(SQLException e) {
            return new DataAccessException("searching processed_data failed: " + e.getMessage(), e);
        }
    }

    private static List<OfferRow> findPage(Connection c, OfferCriteria criteria, OfferSort sort, Keyset after,
                                           int offset, int limit) throws SQLException {
        List<OfferRow> rows = new ArrayList<>(limit);
        boolean inTail = after != null && after.sortKey() == null;
        if (!inTail) {
            read(c, OfferSql.page(criteria, sort, after, false, offset, limit), sort.key(), rows);
        }
        tail(c, criteria, sort, after, offset, limit, rows);
        return rows;
    }

    /**
     * The page's main part and the count, sent together: one statement text of two queries, which the driver sends
     * in one round trip (and prepares on the server like any other text). A page that starts in the tail reads them
     * one after the other.
     */
    private static PageAndCount findPageAndCount(Connection c, OfferCriteria criteria, OfferSort sort, Keyset after,
                                                 int offset, int limit, long cap) throws SQLException {
        if (after != null && after.sortKey() == null) {
            return new PageAndCount(findPage(c, criteria, sort, after, offset, limit),
                    count(c, OfferSql.count(criteria, null, cap)));
        }
        List<OfferRow> rows = new ArrayList<>(limit);
        long counted;
        OfferSql both = OfferSql.page(criteria, sort, after, false, offset, limit)
                .then(OfferSql.count(criteria, null, cap));
        try (PreparedStatement ps = both.prepare(c)) {
            ps.execute();
            try (ResultSet rs = ps.getResultSet()) {
                read(rs, sort.key(), rows);
            }
            if (!ps.getMoreResults()) {
                throw new SQLException("the count sent with the page returned no result");
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                counted = rs.getLong(1);
            }
        }
        tail(c, criteria, sort, after, offset, limit, rows);
        return new PageAndCount(rows, counted);
    }

    /** When the main part (rows with a sort key) did not fill the page: the rest from the tail (keys null). */
    private static void tail(Connection c, OfferCriteria criteria, OfferSort sort, Keyset after, int offset,
                             int limit, List<OfferRow> rows) throws SQLException {
        boolean inTail = after != null && after.sortKey() == null;
        if (rows.size() < limit) {
            int tailOffset = 0;
            if (after == null && rows.isEmpty() && offset > 0) {
                long mainRows = count(c, OfferSql.count(criteria, sort.key(), offset));
                tailOffset = (int) Math.max(0, offset - mainRows);
            }
            read(c, OfferSql.page(criteria, sort, inTail ? after : null, true, tailOffset, limit - rows.size()),
                    sort.key(), rows);
        }
    }

    private static long estimate(Connection c, OfferCriteria criteria) throws SQLException {
        try (PreparedStatement ps = OfferSql.matching(criteria).explain(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Matcher rows = PLAN_ROWS.matcher(rs.getString(1));
            return rows.find() ? Math.round(Double.parseDouble(rows.group(1))) : 0L;
        }
    }

    private static void read(Connection c, OfferSql statement, OfferSort.SortKey sortKey, List<OfferRow> rows)
            throws SQLException {
        try (PreparedStatement ps = statement.prepare(c); ResultSet rs = ps.executeQuery()) {
            read(rs, sortKey, rows);
        }
    }

    private static void read(ResultSet rs, OfferSort.SortKey sortKey, List<OfferRow> rows) throws SQLException {
        while (rs.next()) {
            Long key;
            if (sortKey == OfferSort.SortKey.OFFER_CREATED) {
                LocalDate d = rs.getObject(3, LocalDate.class);
                key = d == null ? null : d.toEpochDay();
            } else {
                long v = rs.getLong(3);
                key = rs.wasNull() ? null : v;
            }
            rows.add(new OfferRow(rs.getLong(1), rs.getString(2), key, RawJson.ofUtf8(rs.getBytes(4)),
                    instant(rs.getObject(5, OffsetDateTime.class))));
        }
    }

    private static long count(Connection c, OfferSql statement) throws SQLException {
        try (PreparedStatement ps = statement.prepare(c); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

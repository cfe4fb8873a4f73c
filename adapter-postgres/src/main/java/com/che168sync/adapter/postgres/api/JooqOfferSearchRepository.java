package com.che168sync.adapter.postgres.api;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;

import com.che168sync.application.api.Keyset;
import com.che168sync.application.api.LoadOfferPort;
import com.che168sync.application.api.OfferCriteria;
import com.che168sync.application.api.OfferRow;
import com.che168sync.application.api.OfferSort;
import com.che168sync.application.api.RawJson;
import com.che168sync.application.api.SearchOffersPort;
import com.che168sync.application.api.StoredOffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Pages of active listings. Each order reads an index on (sort key, id, other filter columns…) WHERE is_active
 * (V20): the order comes from the index, the other filters are checked inside it, and the keyset condition
 * {@code (key, id) > (?, ?)} starts the scan right where the previous page ended, so a page costs the same at any
 * depth. Rows whose key is null form a tail after all others (their own small partial index), read only when the
 * main part is exhausted.
 */
public final class JooqOfferSearchRepository implements SearchOffersPort, LoadOfferPort {
    /** The expression of the trigram index of V20 (must stay identical to it for the index to be used). */
    static final String SEARCH_EXPRESSION =
            "lower(coalesce(mark, '') || ' ' || coalesce(model, '') || ' ' || coalesce(car_name, ''))";

    /**
     * normalized_data as the driver received it: the jsonb's text, UTF-8 bytes, handed to the response as they are
     * (decoding ~50 KB a page into Java strings only to encode them again cost a quarter of a request's CPU).
     */
    private static final Field<byte[]> DOCUMENT = DSL.field(PROCESSED_DATA.NORMALIZED_DATA.getQualifiedName(),
            SQLDataType.VARBINARY);

    private final DSLContext dsl;

    public JooqOfferSearchRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
    }

    @Override
    public List<OfferRow> findPage(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        Field<?> key = key(sort.key());
        Condition filters = conditions(criteria);
        List<OfferRow> rows = new ArrayList<>(limit);
        boolean inTail = after != null && after.sortKey() == null;
        if (!inTail) {
            Condition main = filters.and(key.isNotNull());
            if (after != null) {
                main = main.and(keysetAfter(sort, after));
            }
            rows.addAll(select(sort, main, orderMain(key, sort.descending()), offset, limit));
        }
        if (rows.size() < limit) {
            Condition tail = filters.and(key.isNull());
            int tailOffset = 0;
            if (inTail) {
                tail = tail.and(sort.descending() ? PROCESSED_DATA.ID.lt(after.id()) : PROCESSED_DATA.ID.gt(after.id()));
            } else if (after == null && rows.isEmpty() && offset > 0) {
                long mainRows = dsl.fetchCount(dsl.selectOne().from(PROCESSED_DATA)
                        .where(filters.and(key.isNotNull())).limit(offset));
                tailOffset = (int) Math.max(0, offset - mainRows);
            }
            SortField<Long> idOrder = sort.descending() ? PROCESSED_DATA.ID.desc() : PROCESSED_DATA.ID.asc();
            rows.addAll(select(sort, tail, List.of(idOrder), tailOffset, limit - rows.size()));
        }
        return rows;
    }

    @Override
    public long countUpTo(OfferCriteria criteria, long cap) {
        return dsl.fetchCount(dsl.selectOne().from(PROCESSED_DATA).where(conditions(criteria)).limit(cap));
    }

    @Override
    public long estimateCount(OfferCriteria criteria) {
        return Math.round(dsl.explain(dsl.selectOne().from(PROCESSED_DATA).where(conditions(criteria))).rows());
    }

    @Override
    public Optional<StoredOffer> loadOffer(String innerId) {
        return dsl.select(PROCESSED_DATA.INNER_ID, PROCESSED_DATA.IS_ACTIVE, DOCUMENT, PROCESSED_DATA.NORMALIZED_AT)
                .from(PROCESSED_DATA)
                .where(PROCESSED_DATA.INNER_ID.eq(innerId))
                .fetchOptional(r -> new StoredOffer(r.value1(), r.value2(), RawJson.ofUtf8(r.value3()),
                        instant(r.value4())));
    }

    /**
     * The SQL of {@link #findPage}'s main query (the one that serves every page but the tail of unknown sort keys),
     * values inlined: what {@code bench api} gives pgbench and what EXPLAIN checks look at.
     */
    public String pageSql(OfferCriteria criteria, OfferSort sort, Keyset after, int offset, int limit) {
        Field<?> key = key(sort.key());
        Condition main = conditions(criteria).and(key.isNotNull());
        if (after != null) {
            main = main.and(keysetAfter(sort, after));
        }
        return dsl.renderInlined(query(sort, main, orderMain(key, sort.descending()), offset, limit));
    }

    private List<OfferRow> select(OfferSort sort, Condition where, List<? extends SortField<?>> order, int offset,
                                  int limit) {
        return query(sort, where, order, offset, limit).fetch(r -> row(r, sort.key()));
    }

    private ResultQuery<? extends Record> query(OfferSort sort, Condition where, List<? extends SortField<?>> order,
                                                int offset, int limit) {
        return dsl.select(PROCESSED_DATA.ID, PROCESSED_DATA.INNER_ID, key(sort.key()), DOCUMENT,
                        PROCESSED_DATA.NORMALIZED_AT)
                .from(PROCESSED_DATA)
                .where(where)
                .orderBy(order)
                .limit(limit)
                .offset(offset);
    }

    private static OfferRow row(Record r, OfferSort.SortKey sortKey) {
        Object k = r.get(2);
        Long keyValue = switch (k) {
            case null -> null;
            case LocalDate d -> d.toEpochDay();
            case Number n -> n.longValue();
            default -> throw new IllegalStateException("unexpected sort key type for " + sortKey);
        };
        return new OfferRow(r.get(PROCESSED_DATA.ID), r.get(PROCESSED_DATA.INNER_ID), keyValue,
                RawJson.ofUtf8(r.get(DOCUMENT)), instant(r.get(PROCESSED_DATA.NORMALIZED_AT)));
    }

    private static List<SortField<?>> orderMain(Field<?> key, boolean descending) {
        return descending
                ? List.of(key.desc(), PROCESSED_DATA.ID.desc())
                : List.of(key.asc(), PROCESSED_DATA.ID.asc());
    }

    private static Condition keysetAfter(OfferSort sort, Keyset after) {
        long v = after.sortKey();
        long id = after.id();
        return switch (sort.key()) {
            case PRICE -> compare(PROCESSED_DATA.PRICE, v, id, sort.descending());
            case YEAR -> compare(PROCESSED_DATA.YEAR, clampInt(v), id, sort.descending());
            case KM_AGE -> compare(PROCESSED_DATA.KM_AGE, clampInt(v), id, sort.descending());
            case OFFER_CREATED -> compare(PROCESSED_DATA.OFFER_CREATED, LocalDate.ofEpochDay(
                    Math.max(-365_000_000L, Math.min(365_000_000L, v))), id, sort.descending());
        };
    }

    private static <T> Condition compare(Field<T> key, T value, long id, boolean descending) {
        return descending
                ? DSL.row(key, PROCESSED_DATA.ID).lt(value, id)
                : DSL.row(key, PROCESSED_DATA.ID).gt(value, id);
    }

    private static int clampInt(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    static Field<?> key(OfferSort.SortKey key) {
        return switch (key) {
            case PRICE -> PROCESSED_DATA.PRICE;
            case YEAR -> PROCESSED_DATA.YEAR;
            case KM_AGE -> PROCESSED_DATA.KM_AGE;
            case OFFER_CREATED -> PROCESSED_DATA.OFFER_CREATED;
        };
    }

    /** The WHERE clause of a criteria: always {@code is_active} first (the partial indexes' predicate). */
    static Condition conditions(OfferCriteria c) {
        List<Condition> all = new ArrayList<>();
        all.add(DSL.condition(PROCESSED_DATA.IS_ACTIVE));
        if (c.marks() != null) {
            all.add(c.marks().size() == 1 ? PROCESSED_DATA.MARK.eq(c.marks().get(0)) : PROCESSED_DATA.MARK.in(c.marks()));
        }
        if (c.models() != null) {
            all.add(c.models().size() == 1 ? PROCESSED_DATA.MODEL.eq(c.models().get(0))
                    : PROCESSED_DATA.MODEL.in(c.models()));
        }
        if (c.yearFrom() != null) {
            all.add(PROCESSED_DATA.YEAR.ge(c.yearFrom()));
        }
        if (c.yearTo() != null) {
            all.add(PROCESSED_DATA.YEAR.le(c.yearTo()));
        }
        if (c.priceFrom() != null) {
            all.add(PROCESSED_DATA.PRICE.ge(c.priceFrom()));
        }
        if (c.priceTo() != null) {
            all.add(PROCESSED_DATA.PRICE.le(c.priceTo()));
        }
        if (c.kmAgeFrom() != null) {
            all.add(PROCESSED_DATA.KM_AGE.ge(c.kmAgeFrom()));
        }
        if (c.kmAgeTo() != null) {
            all.add(PROCESSED_DATA.KM_AGE.le(c.kmAgeTo()));
        }
        eq(all, PROCESSED_DATA.ENGINE_TYPE, c.engineType());
        eq(all, PROCESSED_DATA.TRANSMISSION_TYPE, c.transmissionType());
        eq(all, PROCESSED_DATA.BODY_TYPE, c.bodyType());
        eq(all, PROCESSED_DATA.DRIVE_TYPE, c.driveType());
        eq(all, PROCESSED_DATA.COLOR, c.color());
        if (c.cities() != null) {
            all.add(c.cities().size() == 1 ? PROCESSED_DATA.CITY.eq(c.cities().get(0))
                    : PROCESSED_DATA.CITY.in(c.cities()));
        }
        eq(all, PROCESSED_DATA.SELLER_TYPE, c.seller());
        if (c.q() != null) {
            all.add(DSL.condition(SEARCH_EXPRESSION + " like {0} escape '\\'", DSL.val(likePattern(c.q()))));
        }
        return DSL.and(all);
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

    private static void eq(List<Condition> all, Field<String> field, String value) {
        if (value != null) {
            all.add(field.eq(value));
        }
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package com.che168sync.application.api;

import com.che168sync.application.port.in.api.InvalidQueryException;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.in.api.SearchOffersResult;
import com.che168sync.application.port.in.api.SearchOffersQuery;
import com.che168sync.application.port.in.api.SearchOffersUseCase;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferRow;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.application.port.out.api.SearchOffersPort;
import com.che168sync.domain.normalize.CodeDictionary;
import com.che168sync.domain.normalize.CodeField;
import com.che168sync.domain.normalize.Coded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Searches active listings: resolves the client's labels to stored values (mark/model/city spellings from the
 * cached catalogue, source labels to codes with the normalizer's dictionaries), opens the cursor, reads one row
 * more than asked to know whether a next page exists, and adds the total: exact when the page reaches the end of
 * the result (its own rows), else counted exactly up to {@link #EXACT_COUNT_CAP} and above that the planner's
 * estimate; cached per filter set and data version. A total not cached yet is counted in the same round trip as the
 * page, before it is known whether the page reaches the end.
 */
public final class SearchOffersService implements SearchOffersUseCase {
    /**
     * Totals up to this many are counted exactly; above it, the planner's estimate is given. The count stops at this
     * many matches, so it bounds the count's cost (10,000 cost up to 55 ms at 250k listings, and drove p99).
     */
    public static final long EXACT_COUNT_CAP = 1_000;
    /** Offset paging reaches at most this many rows deep; beyond, {@code next_cursor} continues. */
    public static final int MAX_OFFSET = 10_000;
    private static final int COUNT_CACHE_SIZE = 2_000;

    private final SearchOffersPort port;
    private final FilterValuesService catalog;
    private final OfferCursorCodec cursors;
    private final int maxLimit;
    private final Map<OfferCriteria, Total> totals = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<OfferCriteria, Total> eldest) {
            return size() > COUNT_CACHE_SIZE;
        }
    };

    public SearchOffersService(SearchOffersPort port, FilterValuesService catalog, OfferCursorCodec cursors,
                               int maxLimit) {
        this.port = Objects.requireNonNull(port);
        this.catalog = Objects.requireNonNull(catalog);
        this.cursors = Objects.requireNonNull(cursors);
        if (maxLimit < 1) {
            throw new IllegalArgumentException("maxLimit must be at least 1");
        }
        this.maxLimit = maxLimit;
    }

    @Override
    public SearchOffersResult search(SearchOffersQuery query) {
        int limit = query.limit();
        if (limit > maxLimit) {
            throw new InvalidQueryException("limit", "limit must be between 1 and " + maxLimit);
        }
        int page;
        Keyset after = null;
        int offset = 0;
        if (query.cursor() != null) {
            OfferCursorCodec.Position position = cursors.decode(query.cursor(), query.sort(), query.filter());
            page = position.page();
            after = position.after();
        } else {
            page = query.page() == null ? 1 : query.page();
            long rowsBefore = (long) (page - 1) * limit;
            if (rowsBefore > MAX_OFFSET) {
                throw new InvalidQueryException("page", "page * limit may reach " + MAX_OFFSET
                        + " rows at most; continue deeper with next_cursor");
            }
            offset = (int) rowsBefore;
        }
        FilterValuesService.Snapshot snapshot = catalog.snapshot();
        OfferCriteria criteria = resolve(query.filter(), snapshot);
        if (criteria == null) {
            return new SearchOffersResult(List.of(), page, null, limit, 0, true, null);
        }
        Keyset start = after;
        int skip = offset;
        Read read = port.inOneSession(session -> read(session, criteria, query.sort(), snapshot.version(), start,
                skip, limit));
        List<OfferRow> items = read.more() ? read.rows().subList(0, limit) : read.rows();
        Integer nextPage = read.more() && (long) page * limit <= MAX_OFFSET ? page + 1 : null;
        String nextCursor = null;
        if (read.more()) {
            OfferRow last = items.get(items.size() - 1);
            nextCursor = cursors.encode(query.sort(), query.filter(), new Keyset(last.sortKey(), last.id()), page + 1);
        }
        return new SearchOffersResult(items, page, nextPage, limit, read.total().count(), read.total().exact(),
                nextCursor);
    }

    /**
     * The page (one row more than asked, to know whether more follow) and its total: from the page when it reaches
     * the end, else from the cache or the database; all database reads in one session. A total not known yet is
     * counted together with the page (one round trip; the count of a page that reaches the end is not used).
     */
    private Read read(SearchOffersPort session, OfferCriteria criteria, OfferSort sort, Instant version,
                      Keyset after, int offset, int limit) {
        Total known = known(criteria, version);
        List<OfferRow> rows;
        long counted = -1;
        if (known == null) {
            SearchOffersPort.PageAndCount both = session.findPageAndCount(criteria, sort, after, offset, limit + 1,
                    EXACT_COUNT_CAP + 1);
            rows = both.rows();
            counted = both.count();
        } else {
            rows = session.findPage(criteria, sort, after, offset, limit + 1);
        }
        boolean more = rows.size() > limit;
        Total total;
        if (after == null && !more && (offset == 0 || !rows.isEmpty())) {
            total = remember(criteria, new Total(version, offset + rows.size(), true));
        } else if (known != null) {
            total = known;
        } else if (counted <= EXACT_COUNT_CAP) {
            total = remember(criteria, new Total(version, counted, true));
        } else {
            total = remember(criteria, new Total(version, Math.max(EXACT_COUNT_CAP + 1,
                    session.estimateCount(criteria)), false));
        }
        return new Read(rows, more, total);
    }

    /** Stored values for the filter; null when a mark, model or city has no active listing at all. */
    static OfferCriteria resolve(OfferFilter f, FilterValuesService.Snapshot snapshot) {
        List<String> marks = null;
        List<String> models = null;
        List<String> cities = null;
        if (f.mark() != null) {
            marks = snapshot.marks(f.mark());
            if (marks.isEmpty()) {
                return null;
            }
        }
        if (f.model() != null) {
            models = snapshot.models(f.mark(), f.model());
            if (models.isEmpty()) {
                return null;
            }
        }
        if (f.city() != null) {
            cities = snapshot.cities(f.city());
            if (cities.isEmpty()) {
                return null;
            }
        }
        return new OfferCriteria(marks, models, f.yearFrom(), f.yearTo(), f.priceFrom(), f.priceTo(), f.kmAgeFrom(),
                f.kmAgeTo(), code("engine_type", CodeField.ENGINE_TYPE, f.engineType()),
                code("transmission_type", CodeField.TRANSMISSION_TYPE, f.transmissionType()),
                code("body_type", CodeField.BODY_TYPE, f.bodyType()),
                code("drive_type", CodeField.DRIVE_TYPE, f.driveType()),
                code("color", CodeField.COLOR, f.color()), cities,
                f.seller() == null ? null : f.seller().value(),
                f.q() == null ? null : f.q().toLowerCase(Locale.ROOT));
    }

    /** A code as given, or the code of a source label (any language, any case); else refused. */
    static String code(String parameter, CodeField field, String value) {
        if (value == null) {
            return null;
        }
        CodeDictionary dictionary = CodeDictionary.of(field);
        String lower = value.toLowerCase(Locale.ROOT);
        if (dictionary.codes().contains(lower) || Coded.UNKNOWN.equals(lower)) {
            return lower;
        }
        return dictionary.lookup(value).orElseThrow(() -> new InvalidQueryException(parameter,
                parameter + " is neither a code nor a known label; codes: " + String.join(", ",
                        dictionary.codes()) + ", " + Coded.UNKNOWN));
    }

    /** The total of these criteria counted for this data version, or null. */
    private Total known(OfferCriteria criteria, Instant version) {
        synchronized (totals) {
            Total cached = totals.get(criteria);
            return cached != null && Objects.equals(cached.version(), version) ? cached : null;
        }
    }

    private Total remember(OfferCriteria criteria, Total total) {
        synchronized (totals) {
            totals.put(criteria, total);
        }
        return total;
    }

    private record Total(Instant version, long count, boolean exact) {
    }

    private record Read(List<OfferRow> rows, boolean more, Total total) {
    }
}

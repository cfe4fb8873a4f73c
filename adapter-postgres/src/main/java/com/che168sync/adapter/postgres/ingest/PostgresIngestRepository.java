package com.che168sync.adapter.postgres.ingest;

import static com.che168sync.db.jooq.Tables.LOAD_CHECKPOINT;
import static com.che168sync.db.jooq.Tables.LOAD_FAILED_PAGES;
import static com.che168sync.db.jooq.Tables.RAW_DATA;
import static com.che168sync.db.jooq.Tables.SYNC_STATE;

import com.che168sync.application.port.out.ingest.ChangeStorePort;
import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.ingest.IngestStorageException;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.LoadCheckpointPort;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.ingest.StoreOfferPagePort;
import com.che168sync.application.port.out.ingest.SyncState;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.domain.offer.ChangeType;
import com.che168sync.domain.offer.Listing;
import com.che168sync.domain.offer.ListingSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Savepoint;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Records;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@code raw_data}, {@code load_checkpoint}, {@code load_failed_pages} and {@code sync_state} for the initial load
 * and the daily update.
 *
 * <p>Every write is one transaction; a page of the load is one multi-row statement ({@code INSERT … SELECT … FROM
 * (VALUES …) ON CONFLICT DO NOTHING}) chained with its checkpoint update in a data-modifying CTE, so a page costs one
 * round trip plus the commit. A page of the update is one read ({@code WHERE inner_id = ANY(…)}) and one upsert
 * ({@code INSERT … SELECT … FROM unnest(…) ON CONFLICT DO UPDATE}), with the sync state in the same transaction when
 * the page ends a day. With {@code asyncCommit} the load's page transactions, and the update's pages that do not
 * complete a day, use {@code SET LOCAL synchronous_commit = off} (docs/adr/0041-async-commit-for-load-pages.md): a
 * crash may lose the last few committed pages, always together with the checkpoint or before the day's durable
 * sync_state, so the next run fetches them again.
 */
public final class PostgresIngestRepository implements LoadCheckpointPort, StoreOfferPagePort, ChangeStorePort {

    /**
     * The insert of a page of {@code n} items as one multi-row statement (bound parameters: no array literal to escape
     * and parse), in page order so the first of two equal inner_ids wins, chained with {@code tail}.
     */
    private static String insertLoadPage(int n, String tail) {
        if (n == 0) {
            return "WITH ins AS (SELECT ?::timestamptz, ?::timestamptz WHERE false)" + tail; // binds the two timestamps
        }
        StringBuilder sb = new StringBuilder(200 + n * 40)
                .append("WITH ins AS (\n    INSERT INTO ").append(RAW_DATA.getName()).append(" (")
                .append(RawDataSql.names(RawDataSql.OFFER, RAW_DATA.FIRST_LOADED_AT, RAW_DATA.LAST_UPDATED_AT,
                        RAW_DATA.SOURCE, RAW_DATA.ACTIVE_STATUS, RAW_DATA.IS_PROCESSED))
                .append(")\n    SELECT ").append(RawDataSql.qualified("u", RawDataSql.OFFER))
                .append(", ?, ?, 'initial_load', 0, false\n    FROM (VALUES ");
        String row = RawDataSql.placeholders(RawDataSql.OFFER);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(row).append(", ").append(i).append(')');
        }
        return sb.append(") AS u(").append(RawDataSql.names(RawDataSql.OFFER)).append(", ord)\n    ORDER BY u.ord\n")
                .append("    ON CONFLICT (").append(RAW_DATA.INNER_ID.getName()).append(") DO NOTHING\n")
                .append("    RETURNING 1\n)").append(tail).toString();
    }

    private static final String STORE_PAGE_TAIL = """
            , cp AS (
                UPDATE load_checkpoint
                SET last_page = ?, next_page = ?, pages_loaded = pages_loaded + 1,
                    finished_at = CASE WHEN ?::integer IS NULL THEN ?::timestamptz END, updated_at = ?
                WHERE id = 1
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM cp)""";

    private static final String STORE_REFETCHED_PAGE_TAIL = """
            , fp AS (
                UPDATE load_failed_pages SET resolved_at = ? WHERE page = ? RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM fp)""";

    /** Statements by page size (a full page is 20; the last one shorter): one prepared plan per size. */
    private final java.util.concurrent.ConcurrentMap<Integer, String> storePageSql = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<Integer, String> refetchSql = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<Integer, String> upsertSql = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentMap<Integer, String> upsertWholeSql = new java.util.concurrent.ConcurrentHashMap<>();

    /** Put before an upsert: the listings written whole are no longer incomplete. */
    private static final String COMPLETES_INCOMPLETE =
            "WITH completed AS (DELETE FROM incomplete_listings WHERE inner_id = ANY (?::text[]))\n";

    private static final String FIND_LISTINGS = """
            SELECT inner_id, api_id, change_type, created_at, data::text, source, active_status, last_change_id
            FROM raw_data WHERE inner_id = ANY (?::text[])""";

    /**
     * The upsert of {@code n} listings of a change page as one multi-row statement with bound parameters (no array
     * literal for PostgreSQL to parse and unescape: the JSON documents travel as plain text parameters).
     */
    private static String upsertListings(int n) {
        StringBuilder sb = new StringBuilder(600 + n * 60)
                .append("INSERT INTO ").append(RAW_DATA.getName()).append(" AS r (")
                .append(RawDataSql.names(RawDataSql.OFFER, RAW_DATA.FIRST_LOADED_AT, RAW_DATA.LAST_UPDATED_AT,
                        RAW_DATA.SOURCE, RAW_DATA.ACTIVE_STATUS, RAW_DATA.IS_PROCESSED, RAW_DATA.LAST_CHANGE_ID))
                .append(")\nSELECT ").append(RawDataSql.qualified("u", RawDataSql.OFFER))
                .append(", ?, ?, u.source, u.active_status, false, u.last_change_id\nFROM (VALUES ");
        String row = RawDataSql.placeholders(RawDataSql.LISTING);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(row).append(')');
        }
        return sb.append(") AS u(").append(RawDataSql.names(RawDataSql.LISTING)).append(")\n")
                .append(UPSERT_CONFLICT).toString();
    }

    private static final String UPSERT_CONFLICT = "ON CONFLICT (" + RAW_DATA.INNER_ID.getName() + ") DO UPDATE SET "
            + RawDataSql.fromExcluded(RawDataSql.UPDATED_BY_A_CHANGE)
            + ", is_processed = false, normalize_error = NULL, normalize_attempts = 0";

    private final DataSource dataSource;
    private final boolean asyncCommit;
    private final String database;

    /**
     * @param dataSource      a pool (HikariCP) of the product's database
     * @param asyncCommit commit the load's pages, and the update's pages that do not complete a day, with
     *                        {@code synchronous_commit = off} (see the class comment)
     */
    public PostgresIngestRepository(DataSource dataSource, boolean asyncCommit) {
        this(dataSource, asyncCommit, "PostgreSQL");
    }

    /** As above; {@code database} names the server in messages (e.g. {@code PostgreSQL at db:5432, database che168}). */
    public PostgresIngestRepository(DataSource dataSource, boolean asyncCommit, String database) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.asyncCommit = asyncCommit;
        this.database = Objects.requireNonNull(database, "database");
    }

    // ---- load_checkpoint ---------------------------------------------------------------------------------------

    @Override
    public Optional<LoadCheckpoint> findCheckpoint() {
        return inTransaction("read the load checkpoint", false, (c, dsl) -> dsl
                .select(LOAD_CHECKPOINT.LOAD_START_DATE, LOAD_CHECKPOINT.STARTED_AT, LOAD_CHECKPOINT.LAST_PAGE,
                        LOAD_CHECKPOINT.NEXT_PAGE, LOAD_CHECKPOINT.PAGES_LOADED, LOAD_CHECKPOINT.FINISHED_AT)
                .from(LOAD_CHECKPOINT)
                .where(LOAD_CHECKPOINT.ID.eq(1))
                .fetchOptional(Records.mapping((date, started, last, next, loaded, finished) -> new LoadCheckpoint(
                        date, instant(started), last, next, loaded, instant(finished)))));
    }

    @Override
    public LoadCheckpoint startCheckpoint(LocalDate loadStartDate, Instant now) {
        OffsetDateTime at = odt(now);
        return inTransaction("start the load checkpoint", false, (c, dsl) -> {
            dsl.deleteFrom(LOAD_FAILED_PAGES).execute();
            dsl.insertInto(LOAD_CHECKPOINT)
                    .set(LOAD_CHECKPOINT.ID, 1)
                    .set(LOAD_CHECKPOINT.LOAD_START_DATE, loadStartDate)
                    .set(LOAD_CHECKPOINT.STARTED_AT, at)
                    .set(LOAD_CHECKPOINT.LAST_PAGE, 0)
                    .set(LOAD_CHECKPOINT.NEXT_PAGE, 1)
                    .set(LOAD_CHECKPOINT.PAGES_LOADED, 0)
                    .setNull(LOAD_CHECKPOINT.FINISHED_AT)
                    .set(LOAD_CHECKPOINT.UPDATED_AT, at)
                    .onConflict(LOAD_CHECKPOINT.ID).doUpdate()
                    .set(LOAD_CHECKPOINT.LOAD_START_DATE, loadStartDate)
                    .set(LOAD_CHECKPOINT.STARTED_AT, at)
                    .set(LOAD_CHECKPOINT.LAST_PAGE, 0)
                    .set(LOAD_CHECKPOINT.NEXT_PAGE, 1)
                    .set(LOAD_CHECKPOINT.PAGES_LOADED, 0)
                    .setNull(LOAD_CHECKPOINT.FINISHED_AT)
                    .set(LOAD_CHECKPOINT.UPDATED_AT, at)
                    .execute();
            return new LoadCheckpoint(loadStartDate, now, 0, 1, 0, null);
        });
    }

    // ---- pages of the load --------------------------------------------------------------------------------------

    @Override
    public PageStored storePage(int page, List<SourceOffer> offers, List<ItemDefect> defects, Integer nextPage,
            Instant now) {
        return storeLoadPage("store page " + page, page, offers, defects, asyncCommit, storePageSql, STORE_PAGE_TAIL,
                (ps, i) -> {
                    ps.setInt(i++, page);
                    ps.setObject(i++, nextPage, java.sql.Types.INTEGER);
                    ps.setObject(i++, nextPage, java.sql.Types.INTEGER);
                    ps.setObject(i++, odt(now));
                    ps.setObject(i, odt(now));
                },
                rs -> {
                    if (rs.getInt(2) != 1) {
                        throw new IllegalStateException("load_checkpoint has no row: start the load first");
                    }
                }, now);
    }

    @Override
    public PageStored storeRefetchedPage(int page, List<SourceOffer> offers, List<ItemDefect> defects, Instant now) {
        return storeLoadPage("store refetched page " + page, page, offers, defects, false, refetchSql,
                STORE_REFETCHED_PAGE_TAIL, (ps, i) -> {
                    ps.setObject(i++, odt(now));
                    ps.setInt(i, page);
                }, rs -> {
                }, now);
    }

    @FunctionalInterface
    private interface TailBinder {
        void bind(PreparedStatement ps, int firstIndex) throws SQLException;
    }

    @FunctionalInterface
    private interface TailCheck {
        void check(ResultSet rs) throws SQLException;
    }

    /**
     * A page of the load in one transaction with its bookkeeping ({@code tail}) and its quarantine. Clean pages cost
     * one scan of their backslashes and the one multi-row statement. A document PostgreSQL refuses as sent (NUL,
     * unpaired surrogate escapes) is repaired first; if the page's statement still fails on a data error, the page
     * is written again row by row (a savepoint per row) and the rows the database refuses are quarantined instead.
     */
    private PageStored storeLoadPage(String what, int page, List<SourceOffer> offers, List<ItemDefect> defects,
            boolean async, ConcurrentMap<Integer, String> statements, String tail, TailBinder bindTail,
            TailCheck checkTail, Instant now) {
        List<SourceOffer> rows = offers;
        ItemDefect[] repairs = null;
        for (int i = 0; i < offers.size(); i++) {
            SourceOffer o = offers.get(i);
            JsonRepair.Repaired r = JsonRepair.repair(o.dataJson(), false);
            if (r != null) {
                if (repairs == null) {
                    repairs = new ItemDefect[offers.size()];
                    rows = new ArrayList<>(offers);
                }
                repairs[i] = ItemDefect.of(null, o.innerId(), "page " + page + ": listing " + o.innerId() + ": "
                        + r.what() + "; stored repaired", true, o.dataJson());
                rows.set(i, new SourceOffer(o.apiId(), o.innerId(), o.changeType(), o.createdAt(), r.json()));
            }
        }
        List<ItemDefect> quarantine = new ArrayList<>(defects);
        if (repairs != null) {
            for (ItemDefect d : repairs) {
                if (d != null) {
                    quarantine.add(d);
                }
            }
        }
        List<SourceOffer> pageRows = rows;
        try {
            return inTransaction(what, async, (c, dsl) -> {
                int inserted = insertLoadRows(c, pageRows, statements, tail, bindTail, checkTail, now);
                writeQuarantine(c, "load", page, quarantine, now);
                return new PageStored(inserted, quarantine);
            });
        } catch (IngestStorageException e) {
            if (!isDataError(e.getCause())) {
                throw e;
            }
        }
        ItemDefect[] repaired = repairs;
        return inTransaction(what + " row by row", async, (c, dsl) -> {
            List<ItemDefect> q = new ArrayList<>(defects);
            int inserted = 0;
            for (int i = 0; i < pageRows.size(); i++) {
                SourceOffer o = pageRows.get(i);
                Savepoint sp = c.setSavepoint();
                try {
                    inserted += insertLoadRows(c, List.of(o), statements, ROW_TAIL, (ps, at) -> {
                    }, rs -> {
                    }, now);
                    c.releaseSavepoint(sp);
                    if (repaired != null && repaired[i] != null) {
                        q.add(repaired[i]);
                    }
                } catch (SQLException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    c.rollback(sp);
                    q.add(ItemDefect.of(null, o.innerId(), "page " + page + ": listing " + o.innerId()
                            + " refused by the database (" + firstLine(e.getMessage()) + "); left out", false,
                            offers.get(i).dataJson()));
                }
            }
            insertLoadRows(c, List.of(), statements, tail, bindTail, checkTail, now);
            writeQuarantine(c, "load", page, q, now);
            return new PageStored(inserted, q);
        });
    }

    /** The page's rows (none: only the tail), chained with {@code tail}; returns the rows inserted. */
    private static int insertLoadRows(Connection c, List<SourceOffer> rows, ConcurrentMap<Integer, String> statements,
            String tail, TailBinder bindTail, TailCheck checkTail, Instant now) throws SQLException {
        String sql = tail == ROW_TAIL ? SINGLE_ROW : statements.computeIfAbsent(rows.size(), n -> insertLoadPage(n, tail));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = bindOffers(ps, rows, now);
            bindTail.bind(ps, i);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                checkTail.check(rs);
                return rs.getInt(1);
            }
        }
    }

    private static final String ROW_TAIL = "\nSELECT (SELECT count(*) FROM ins)";
    private static final String SINGLE_ROW = insertLoadPage(1, ROW_TAIL);

    private static int bindOffers(PreparedStatement ps, List<SourceOffer> offers, Instant now) throws SQLException {
        ps.setObject(1, odt(now));
        ps.setObject(2, odt(now));
        int i = 3;
        for (SourceOffer o : offers) {
            ps.setString(i++, o.innerId());
            ps.setLong(i++, o.apiId());
            ps.setString(i++, o.changeType());
            ps.setObject(i++, odt(o.createdAt()));
            ps.setString(i++, o.dataJson());
        }
        return i;
    }

    @Override
    public void recordFailedPage(int page, int attempts, String error, Integer nextPage, Instant now) {
        OffsetDateTime at = odt(now);
        inTransaction("record failed page " + page, false, (c, dsl) -> {
            dsl.insertInto(LOAD_FAILED_PAGES)
                    .set(LOAD_FAILED_PAGES.PAGE, page)
                    .set(LOAD_FAILED_PAGES.ATTEMPTS, attempts)
                    .set(LOAD_FAILED_PAGES.LAST_ERROR, error)
                    .set(LOAD_FAILED_PAGES.FAILED_AT, at)
                    .setNull(LOAD_FAILED_PAGES.RESOLVED_AT)
                    .onConflict(LOAD_FAILED_PAGES.PAGE).doUpdate()
                    .set(LOAD_FAILED_PAGES.ATTEMPTS, attempts)
                    .set(LOAD_FAILED_PAGES.LAST_ERROR, error)
                    .set(LOAD_FAILED_PAGES.FAILED_AT, at)
                    .setNull(LOAD_FAILED_PAGES.RESOLVED_AT)
                    .execute();
            if (nextPage != null) {
                int updated = dsl.update(LOAD_CHECKPOINT)
                        .set(LOAD_CHECKPOINT.LAST_PAGE, page)
                        .set(LOAD_CHECKPOINT.NEXT_PAGE, nextPage)
                        .set(LOAD_CHECKPOINT.UPDATED_AT, at)
                        .where(LOAD_CHECKPOINT.ID.eq(1))
                        .execute();
                if (updated != 1) {
                    throw new IllegalStateException("load_checkpoint has no row: start the load first");
                }
            }
            return null;
        });
    }

    @Override
    public List<FailedPage> unresolvedFailedPages() {
        return inTransaction("read the failed pages", false, (c, dsl) -> dsl
                .select(LOAD_FAILED_PAGES.PAGE, LOAD_FAILED_PAGES.ATTEMPTS, LOAD_FAILED_PAGES.LAST_ERROR,
                        LOAD_FAILED_PAGES.FAILED_AT)
                .from(LOAD_FAILED_PAGES)
                .where(LOAD_FAILED_PAGES.RESOLVED_AT.isNull())
                .orderBy(LOAD_FAILED_PAGES.PAGE)
                .fetch(Records.mapping((page, attempts, error, at) -> new FailedPage(page, attempts, error,
                        instant(at)))));
    }

    @Override
    public long countListings() {
        return inTransaction("count raw_data", false, (c, dsl) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM raw_data")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---- the daily update ---------------------------------------------------------------------------------------

    @Override
    public Map<String, Listing> findListings(Collection<String> innerIds) {
        if (innerIds.isEmpty()) {
            return Map.of();
        }
        return inTransaction("read " + innerIds.size() + " listings", false, (c, dsl) -> {
            Map<String, Listing> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(FIND_LISTINGS)) {
                ps.setArray(1, c.createArrayOf("text", innerIds.toArray(String[]::new)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String innerId = rs.getString(1);
                        long apiId = rs.getLong(2);
                        Long api = rs.wasNull() ? null : apiId;
                        ChangeType type = ChangeType.fromSource(rs.getString(3)).orElse(null);
                        OffsetDateTime created = rs.getObject(4, OffsetDateTime.class);
                        Map<String, Object> data = JsonbText.parseListing(rs.getString(5));
                        ListingSource source = ListingSource.fromDb(rs.getString(6));
                        boolean active = rs.getInt(7) == 0;
                        long last = rs.getLong(8);
                        Long lastChangeId = rs.wasNull() ? null : last;
                        found.put(innerId, new Listing(innerId, api, type, instant(created), data, active, source,
                                lastChangeId));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public List<ItemDefect> storeChanges(Collection<Listing> listings, List<ItemDefect> defects,
            List<IncompleteListing> incomplete, Collection<String> whole, DayCompleted dayCompleted, Instant now) {
        if (listings.isEmpty() && dayCompleted == null && defects.isEmpty() && incomplete.isEmpty()) {
            return List.of();
        }
        List<Listing> rows = List.copyOf(listings);
        List<String> documents = new ArrayList<>(rows.size());
        ItemDefect[] repairs = new ItemDefect[rows.size()];
        List<ItemDefect> quarantine = new ArrayList<>(defects);
        for (int i = 0; i < rows.size(); i++) {
            Listing l = rows.get(i);
            String json = JsonbText.write(l.data());
            JsonRepair.Repaired r = JsonRepair.repair(json, true);
            if (r != null) {
                repairs[i] = ItemDefect.of(l.lastChangeId(), l.innerId(), changeName(l) + "listing " + l.innerId()
                        + ": " + r.what() + "; stored repaired", true, JsonRepair.escapeUnpairedSurrogates(json));
                quarantine.add(repairs[i]);
                json = r.json();
            }
            documents.add(json);
        }
        // a page that does not complete a day may commit asynchronously: if a crash loses it, sync_state (committed
        // durably with the day's last page, which also flushes every earlier commit) was not advanced either, and the
        // re-run of the day applies its events again
        boolean async = asyncCommit && dayCompleted == null;
        String what = "store " + rows.size() + " changed listings";
        try {
            return inTransaction(what, async, (c, dsl) -> {
                if (!rows.isEmpty()) {
                    upsert(c, rows, documents, whole, now);
                }
                writeQuarantine(c, "update", null, quarantine, now);
                markIncomplete(c, incomplete, now);
                if (dayCompleted != null) {
                    writeSyncState(dsl, dayCompleted, now);
                }
                return quarantine;
            });
        } catch (IngestStorageException e) {
            if (!isDataError(e.getCause())) {
                throw e;
            }
        }
        return inTransaction(what + " row by row", async, (c, dsl) -> {
            List<ItemDefect> q = new ArrayList<>(defects);
            for (int i = 0; i < rows.size(); i++) {
                Listing l = rows.get(i);
                Savepoint sp = c.setSavepoint();
                try {
                    upsert(c, List.of(l), List.of(documents.get(i)), whole.contains(l.innerId())
                            ? List.of(l.innerId()) : List.of(), now);
                    c.releaseSavepoint(sp);
                    if (repairs[i] != null) {
                        q.add(repairs[i]);
                    }
                } catch (SQLException e) {
                    if (!isDataError(e)) {
                        throw e;
                    }
                    c.rollback(sp);
                    q.add(ItemDefect.of(l.lastChangeId(), l.innerId(), changeName(l) + "listing " + l.innerId()
                            + " refused by the database (" + firstLine(e.getMessage()) + "); left out", false,
                            JsonRepair.escapeUnpairedSurrogates(JsonbText.write(l.data()))));
                }
            }
            writeQuarantine(c, "update", null, q, now);
            markIncomplete(c, incomplete, now);
            if (dayCompleted != null) {
                writeSyncState(dsl, dayCompleted, now);
            }
            return q;
        });
    }

    private static String changeName(Listing l) {
        return l.lastChangeId() == null ? "" : "change " + l.lastChangeId() + ": ";
    }

    /**
     * Upserts {@code listings}; the incomplete marks of {@code whole} (listings written whole) go in the same
     * statement (a data-modifying CTE: no extra round trip on the update's pages).
     */
    private void upsert(Connection c, List<Listing> listings, List<String> documents, Collection<String> whole,
            Instant now) throws SQLException {
        String sql = whole.isEmpty()
                ? upsertSql.computeIfAbsent(listings.size(), PostgresIngestRepository::upsertListings)
                : upsertWholeSql.computeIfAbsent(listings.size(), n -> COMPLETES_INCOMPLETE + upsertListings(n));
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (!whole.isEmpty()) {
                ps.setArray(i++, c.createArrayOf("text", whole.toArray(String[]::new)));
            }
            ps.setObject(i++, odt(now));
            ps.setObject(i++, odt(now));
            for (int k = 0; k < listings.size(); k++) {
                Listing l = listings.get(k);
                ps.setString(i++, l.innerId());
                ps.setObject(i++, l.apiId(), Types.BIGINT);
                ps.setString(i++, l.changeType() == null ? null : l.changeType().sourceName());
                ps.setObject(i++, l.createdAt() == null ? null : odt(l.createdAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(i++, documents.get(k));
                ps.setString(i++, l.source().dbValue());
                ps.setInt(i++, l.activeStatus());
                ps.setObject(i++, l.lastChangeId(), Types.BIGINT);
            }
            ps.executeUpdate();
        }
    }

    // ---- incomplete_listings ------------------------------------------------------------------------------------

    private static void markIncomplete(Connection c, List<IncompleteListing> incomplete, Instant now)
            throws SQLException {
        if (incomplete.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO incomplete_listings (inner_id, change_id, reason, attempts, recorded_at)
                VALUES (?, ?, ?, 1, ?)
                ON CONFLICT (inner_id) DO UPDATE SET change_id = EXCLUDED.change_id, reason = EXCLUDED.reason,
                    recorded_at = EXCLUDED.recorded_at""")) {
            for (IncompleteListing l : incomplete) {
                ps.setString(1, l.innerId());
                ps.setLong(2, l.changeId());
                ps.setString(3, storableText(l.reason()));
                ps.setObject(4, odt(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public List<IncompleteListing> findIncomplete(int limit) {
        return inTransaction("read incomplete_listings", false, (c, dsl) -> {
            List<IncompleteListing> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT inner_id, change_id, reason, attempts FROM"
                    + " incomplete_listings ORDER BY recorded_at, inner_id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new IncompleteListing(rs.getString(1), rs.getLong(2), rs.getString(3),
                                rs.getInt(4)));
                    }
                }
            }
            return found;
        });
    }

    @Override
    public void completeListing(String innerId, Listing completed, String reason, Instant now) {
        inTransaction("complete listing " + innerId, false, (c, dsl) -> {
            if (completed != null) {
                upsert(c, List.of(completed), List.of(storableJson(completed)), List.of(), now);
            }
            String sql = completed != null || reason == null
                    ? "DELETE FROM incomplete_listings WHERE inner_id = ?"
                    : "UPDATE incomplete_listings SET attempts = attempts + 1, reason = ? WHERE inner_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (sql.startsWith("UPDATE")) {
                    ps.setString(i++, storableText(reason));
                }
                ps.setString(i, innerId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A listing's data as storable JSON (repaired if it must be; the incomplete listing was stored so already). */
    private static String storableJson(Listing l) {
        return JsonRepair.storable(JsonbText.write(l.data()), true);
    }

    // ---- ingest_quarantine --------------------------------------------------------------------------------------

    private static final String INSERT_QUARANTINE = """
            INSERT INTO ingest_quarantine (job, page, change_id, inner_id, reason, stored, original, quarantined_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

    private static void writeQuarantine(Connection c, String job, Integer page, List<ItemDefect> items, Instant now)
            throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_QUARANTINE)) {
            for (ItemDefect d : items) {
                ps.setString(1, job);
                ps.setObject(2, page, Types.INTEGER);
                ps.setObject(3, d.changeId(), Types.BIGINT);
                ps.setString(4, d.innerId() == null ? null
                        : storableText(d.innerId().length() > 120 ? d.innerId().substring(0, 120) + "…" : d.innerId()));
                ps.setString(5, storableText(d.reason()));
                ps.setBoolean(6, d.stored());
                ps.setBytes(7, d.original());
                ps.setObject(8, odt(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Text PostgreSQL can hold: NUL → U+FFFD, unpaired surrogates escaped. */
    private static String storableText(String s) {
        return JsonRepair.escapeUnpairedSurrogates(s.replace('\0', '\uFFFD'));
    }

    /** How many items are quarantined (for {@code status}). */
    public long countQuarantined() {
        return inTransaction("count ingest_quarantine", false, (c, dsl) -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM ingest_quarantine")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * A failure caused by the data sent (SQLSTATE classes 22 data exception, 23 integrity constraint, 54 program
     * limit): the database is answering, one row is at fault. Anything else (a lost connection, a shutdown) is a
     * failure of the database itself.
     */
    static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || state.startsWith("23") || state.startsWith("54");
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        String line = nl < 0 ? message : message.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /**
     * sync_state is kept as one row (the newest, if an operator ever inserted more). A replay moves it only onto the
     * day right after it: never backwards, never past a day that was not applied.
     */
    private static void writeSyncState(DSLContext dsl, DayCompleted day, Instant now) {
        var current = dsl.select(SYNC_STATE.ID, SYNC_STATE.LAST_SUCCESSFUL_DATE)
                .from(SYNC_STATE).orderBy(SYNC_STATE.ID.desc()).limit(1).forUpdate().fetchOptional();
        LocalDate stored = current.map(r -> r.value2()).orElse(null);
        if (day.onlyForward() && (stored == null || !day.day().equals(stored.plusDays(1)))) {
            return;
        }
        if (current.isEmpty()) {
            dsl.insertInto(SYNC_STATE)
                    .set(SYNC_STATE.LAST_SUCCESSFUL_DATE, day.day())
                    .set(SYNC_STATE.LAST_CHANGE_ID, day.lastChangeId())
                    .set(SYNC_STATE.UPDATED_AT, odt(now))
                    .execute();
            return;
        }
        dsl.update(SYNC_STATE)
                .set(SYNC_STATE.LAST_SUCCESSFUL_DATE, day.day())
                .set(SYNC_STATE.LAST_CHANGE_ID, day.lastChangeId())
                .set(SYNC_STATE.UPDATED_AT, odt(now))
                .where(SYNC_STATE.ID.eq(current.get().value1()))
                .execute();
    }

    @Override
    public Optional<SyncState> findSyncState() {
        return inTransaction("read sync_state", false, (c, dsl) -> dsl
                .select(SYNC_STATE.LAST_SUCCESSFUL_DATE, SYNC_STATE.LAST_CHANGE_ID, SYNC_STATE.UPDATED_AT)
                .from(SYNC_STATE).orderBy(SYNC_STATE.ID.desc()).limit(1)
                .fetchOptional(Records.mapping((date, id, at) -> new SyncState(date, id, instant(at)))));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c, DSLContext dsl) throws SQLException;
    }

    private <T> T inTransaction(String what, boolean asyncCommit, Work<T> work) {
        return Transactions.inTransaction(dataSource, asyncCommit, c -> work.run(c, DSL.using(c, SQLDialect.POSTGRES)),
                e -> storageFailure(what, e));
    }

    private IngestStorageException storageFailure(String what, Exception e) {
        if (isDataError(e)) {
            return new IngestStorageException("database: could not " + what + ": " + firstLine(e.getMessage()), e);
        }
        return new IngestStorageException("the database (" + database + ") failed; could not " + what + ": "
                + firstLine(e.getMessage()) + ". Nothing of it was committed: the next run goes on from the last"
                + " committed page or day", e);
    }

    private static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

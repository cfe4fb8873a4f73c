package com.che168sync.adapter.postgres;

import static com.che168sync.db.jooq.Tables.API_TOKENS;
import static com.che168sync.db.jooq.Tables.LOAD_CHECKPOINT;
import static com.che168sync.db.jooq.Tables.INCOMPLETE_LISTINGS;
import static com.che168sync.db.jooq.Tables.INGEST_QUARANTINE;
import static com.che168sync.db.jooq.Tables.LOAD_FAILED_PAGES;
import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;
import static com.che168sync.db.jooq.Tables.RAW_DATA;
import static com.che168sync.db.jooq.Tables.SYNC_STATE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.select;

import com.che168sync.application.port.out.status.LoadStatusPort;
import com.che168sync.application.port.out.status.LoadCheckpointView;
import com.che168sync.application.port.out.status.SyncStateView;
import com.che168sync.application.port.out.status.TableCounts;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record13;
import org.jooq.Select;
import org.jooq.impl.DSL;

/** Counts and states for the status report, one round trip for the counts. */
public final class JooqStatusRepository implements LoadStatusPort {
    private final DSLContext dsl;

    public JooqStatusRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public TableCounts counts(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Record13<Integer, Integer, Integer, Integer, Integer, Integer, Integer, Integer, Integer, Integer, Integer,
                Integer, Integer> r =
                dsl.select(
                        n(select(count()).from(RAW_DATA)),
                        n(select(count()).from(RAW_DATA).where(RAW_DATA.ACTIVE_STATUS.eq(0))),
                        n(select(count()).from(RAW_DATA).where(RAW_DATA.ACTIVE_STATUS.eq(1))),
                        n(select(count()).from(RAW_DATA).where(RAW_DATA.IS_PROCESSED.isFalse())),
                        n(select(count()).from(RAW_DATA).where(RAW_DATA.IS_PROCESSED.isFalse())
                                .and(RAW_DATA.NORMALIZE_ERROR.isNotNull())),
                        n(select(count()).from(PROCESSED_DATA)),
                        n(select(count()).from(PROCESSED_DATA).where(PROCESSED_DATA.IS_ACTIVE.isTrue())),
                        n(select(count()).from(API_TOKENS)),
                        n(select(count()).from(API_TOKENS).where(API_TOKENS.REVOKED_AT.isNull())
                                .and(API_TOKENS.EXPIRES_AT.isNull().or(API_TOKENS.EXPIRES_AT.gt(at)))),
                        n(select(count()).from(LOAD_FAILED_PAGES).where(LOAD_FAILED_PAGES.RESOLVED_AT.isNull())),
                        n(select(count()).from(INGEST_QUARANTINE)),
                        n(select(count()).from(INGEST_QUARANTINE).where(INGEST_QUARANTINE.STORED.isFalse())),
                        n(select(count()).from(INCOMPLETE_LISTINGS)))
                        .fetchSingle();
        return new TableCounts(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                r.value8(), r.value9(), r.value10(), r.value11(), r.value12(), r.value13());
    }

    private static Field<Integer> n(Select<Record1<Integer>> query) {
        return DSL.field(query);
    }

    @Override
    public Optional<SyncStateView> syncState() {
        return dsl.selectFrom(SYNC_STATE)
                .orderBy(SYNC_STATE.UPDATED_AT.desc(), SYNC_STATE.ID.desc())
                .limit(1)
                .fetchOptional()
                .map(r -> new SyncStateView(r.getLastSuccessfulDate(), r.getLastChangeId(),
                        r.getUpdatedAt().toInstant()));
    }

    @Override
    public Optional<LoadCheckpointView> loadCheckpoint() {
        return dsl.selectFrom(LOAD_CHECKPOINT)
                .orderBy(LOAD_CHECKPOINT.ID)
                .limit(1)
                .fetchOptional()
                .map(r -> new LoadCheckpointView(r.getLoadStartDate(), r.getStartedAt().toInstant(), r.getLastPage(),
                        r.getNextPage(), r.getPagesLoaded(),
                        r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                        r.getUpdatedAt().toInstant()));
    }
}

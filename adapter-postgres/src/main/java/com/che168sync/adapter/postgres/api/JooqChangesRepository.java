package com.che168sync.adapter.postgres.api;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;

import com.che168sync.application.port.out.api.ListingChange;
import com.che168sync.application.port.out.api.LoadChangesPort;
import com.che168sync.application.port.out.api.LoadDataVersionPort;
import com.che168sync.application.port.out.api.RawJson;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The change numbers of processed_data (migration V23: a sequence drawn by a trigger on every write that adds a
 * listing or changes one) as the data version, and the changes feed over them.
 */
public final class JooqChangesRepository implements LoadDataVersionPort, LoadChangesPort {
    private static final String LAST_DRAWN =
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM processed_data_change_seq";
    /** The lock every statement writing processed_data holds shared until its transaction ends (V23). */
    private static final String WAIT_FOR_WRITES =
            "SELECT pg_advisory_xact_lock(168168, hashtext('processed_data changes'))";
    /** A settled version is not worth a longer wait: the last one stays in use meanwhile. */
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '2s'";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Field<byte[]> DOCUMENT = DSL.field(PROCESSED_DATA.NORMALIZED_DATA.getQualifiedName(),
            SQLDataType.VARBINARY);

    private final DSLContext dsl;

    public JooqChangesRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
    }

    @Override
    public long lastDrawn() {
        return lastDrawn(dsl);
    }

    private static long lastDrawn(DSLContext ctx) {
        return ctx.fetchSingle(LAST_DRAWN).get(0, Long.class);
    }

    @Override
    public OptionalLong settled() {
        try {
            return OptionalLong.of(dsl.transactionResult(tx -> {
                DSLContext ctx = tx.dsl();
                ctx.execute(LOCK_TIMEOUT);
                ctx.fetch(WAIT_FOR_WRITES);
                return lastDrawn(ctx);
            }));
        } catch (DataAccessException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.sqlState())) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    @Override
    public List<ListingChange> changesBetween(long after, long upTo, int limit) {
        return dsl.select(PROCESSED_DATA.CHANGE_SEQ, PROCESSED_DATA.FIRST_CHANGE_SEQ, PROCESSED_DATA.INNER_ID,
                        PROCESSED_DATA.IS_ACTIVE, PROCESSED_DATA.NORMALIZED_AT,
                        DSL.when(PROCESSED_DATA.IS_ACTIVE, DOCUMENT))
                .from(PROCESSED_DATA)
                .where(PROCESSED_DATA.CHANGE_SEQ.gt(after).and(PROCESSED_DATA.CHANGE_SEQ.le(upTo)))
                .orderBy(PROCESSED_DATA.CHANGE_SEQ)
                .limit(limit)
                .fetch(r -> new ListingChange(r.value1(), r.value2() == null ? r.value1() : r.value2(), r.value3(),
                        r.value4(), r.value5() == null ? null : r.value5().toInstant(),
                        r.value4() ? RawJson.ofUtf8(r.value6()) : null));
    }
}

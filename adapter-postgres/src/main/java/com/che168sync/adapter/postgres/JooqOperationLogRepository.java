package com.che168sync.adapter.postgres;

import static com.che168sync.db.jooq.Tables.OPERATIONS_LOG;

import com.che168sync.application.port.out.ops.OperationLogPort;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/** operations_log over jOOQ: one row per run, inserted as RUNNING and completed at the end. */
public final class JooqOperationLogRepository implements OperationLogPort {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final DSLContext dsl;

    public JooqOperationLogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long start(OperationType type, Instant startedAt) {
        return dsl.insertInto(OPERATIONS_LOG)
                .set(OPERATIONS_LOG.OPERATION_TYPE, type.dbValue())
                .set(OPERATIONS_LOG.STARTED_AT, startedAt.atOffset(ZoneOffset.UTC))
                .set(OPERATIONS_LOG.STATUS, OperationStatus.RUNNING.name())
                .returning(OPERATIONS_LOG.ID)
                .fetchOne(OPERATIONS_LOG.ID);
    }

    @Override
    public void finish(long id, OperationStatus status, Duration duration, String details, Map<String, Object> stats) {
        if (status == OperationStatus.RUNNING) {
            throw new IllegalArgumentException("a run finishes as OK or ERROR, not RUNNING");
        }
        int updated = dsl.update(OPERATIONS_LOG)
                .set(OPERATIONS_LOG.STATUS, status.name())
                .set(OPERATIONS_LOG.DURATION, seconds(duration))
                .set(OPERATIONS_LOG.FINISHED_AT, OPERATIONS_LOG.STARTED_AT.plus(
                        DSL.field("{0} * interval '1 millisecond'", Object.class, DSL.val(duration.toMillis()))))
                .set(OPERATIONS_LOG.DETAILS, details)
                .set(OPERATIONS_LOG.STATS, stats == null ? null : JSONB.valueOf(json(stats)))
                .where(OPERATIONS_LOG.ID.eq((int) id))
                .execute();
        if (updated != 1) {
            throw new IllegalArgumentException("no operations_log row with id " + id);
        }
    }

    @Override
    public int markInterrupted(OperationType type, String details) {
        return dsl.update(OPERATIONS_LOG)
                .set(OPERATIONS_LOG.STATUS, OperationStatus.ERROR.name())
                .set(OPERATIONS_LOG.DETAILS, DSL.concat(DSL.coalesce(OPERATIONS_LOG.DETAILS.concat("; "), DSL.inline("")),
                        DSL.val(details)))
                .where(OPERATIONS_LOG.OPERATION_TYPE.eq(type.dbValue()))
                .and(OPERATIONS_LOG.STATUS.eq(OperationStatus.RUNNING.name()))
                .execute();
    }

    @Override
    public List<OperationRecord> recent(int limit) {
        return dsl.selectFrom(OPERATIONS_LOG)
                .orderBy(OPERATIONS_LOG.STARTED_AT.desc(), OPERATIONS_LOG.ID.desc())
                .limit(limit)
                .fetch(r -> new OperationRecord(r.getId(), r.getOperationType(), r.getStartedAt().toInstant(),
                        r.getDuration() == null ? null
                                : Duration.ofMillis(r.getDuration().movePointRight(3).longValue()),
                        OperationStatus.valueOf(r.getStatus()), r.getDetails(), stats(r.getStats())));
    }

    @Override
    public java.util.Optional<OperationRecord> latest(OperationType type) {
        return dsl.selectFrom(OPERATIONS_LOG)
                .where(OPERATIONS_LOG.OPERATION_TYPE.eq(type.dbValue()))
                .orderBy(OPERATIONS_LOG.STARTED_AT.desc(), OPERATIONS_LOG.ID.desc())
                .limit(1)
                .fetchOptional(r -> new OperationRecord(r.getId(), r.getOperationType(), r.getStartedAt().toInstant(),
                        r.getDuration() == null ? null
                                : Duration.ofMillis(r.getDuration().movePointRight(3).longValue()),
                        OperationStatus.valueOf(r.getStatus()), r.getDetails(), stats(r.getStats())));
    }

    private static BigDecimal seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).setScale(3, RoundingMode.HALF_UP);
    }

    private static String json(Map<String, Object> stats) {
        try {
            return JSON.writeValueAsString(stats);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stats must hold numbers, strings and booleans: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> stats(JSONB value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(value.data(), MAP);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}

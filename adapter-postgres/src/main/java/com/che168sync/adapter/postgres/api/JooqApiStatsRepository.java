package com.che168sync.adapter.postgres.api;

import static com.che168sync.db.jooq.Tables.OPERATIONS_LOG;
import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;
import static com.che168sync.db.jooq.Tables.RAW_DATA;
import static com.che168sync.db.jooq.Tables.SYNC_STATE;

import com.che168sync.application.port.out.api.DataStats;
import com.che168sync.application.port.out.api.FilterValues;
import com.che168sync.application.port.out.api.HealthFacts;
import com.che168sync.application.port.out.api.JobSummary;
import com.che168sync.application.port.out.api.LoadFilterValuesPort;
import com.che168sync.application.port.out.api.LoadStatsPort;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.port.out.ops.OperationType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.Record7;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/** Aggregates for {@code /filters}, {@code /stats}, {@code /metrics} and {@code /health}. */
public final class JooqApiStatsRepository implements LoadFilterValuesPort, LoadStatsPort {
    private static final int MAX_LABELS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scan for every coded field, city and seller type (GROUPING SETS). */
    private static final String VALUE_COUNTS = """
            SELECT CASE WHEN grouping(engine_type) = 0 THEN 'engine_type'
                        WHEN grouping(transmission_type) = 0 THEN 'transmission_type'
                        WHEN grouping(body_type) = 0 THEN 'body_type'
                        WHEN grouping(drive_type) = 0 THEN 'drive_type'
                        WHEN grouping(color) = 0 THEN 'color'
                        WHEN grouping(city) = 0 THEN 'city'
                        ELSE 'seller' END AS field,
                   coalesce(engine_type, transmission_type, body_type, drive_type, color, city, seller_type) AS value,
                   coalesce(engine_type_source, transmission_type_source, body_type_source, drive_type_source,
                            color_source) AS label,
                   count(*) AS n
              FROM processed_data
             WHERE is_active
             GROUP BY GROUPING SETS ((engine_type, engine_type_source), (transmission_type, transmission_type_source),
                                     (body_type, body_type_source), (drive_type, drive_type_source),
                                     (color, color_source), (city), (seller_type))
            """;

    private final DSLContext dsl;

    public JooqApiStatsRepository(DSLContext dsl) {
        this.dsl = Objects.requireNonNull(dsl);
    }

    @Override
    public Optional<Instant> dataVersion() {
        return Optional.ofNullable(dsl.select(DSL.max(PROCESSED_DATA.NORMALIZED_AT)).from(PROCESSED_DATA)
                .fetchOne(0, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    @Override
    public FilterValues load(Instant dataVersion) {
        return dsl.transactionResult(tx -> {
            DSLContext ctx = tx.dsl();
            ctx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            Record ranges = rangesQuery(ctx).fetchSingle();
            List<FilterValues.MarkValues> marks = marks(ctx);
            Map<String, Map<String, CodeAcc>> coded = new HashMap<>();
            Map<String, List<FilterValues.ValueCount>> plain = new HashMap<>();
            for (Record r : ctx.resultQuery(VALUE_COUNTS).fetch()) {
                String field = r.get("field", String.class);
                String value = r.get("value", String.class);
                long n = r.get("n", Long.class);
                if (field.equals("city") || field.equals("seller")) {
                    if (value != null) {
                        plain.computeIfAbsent(field, f -> new ArrayList<>()).add(new FilterValues.ValueCount(value, n));
                    }
                } else if (value != null) {
                    coded.computeIfAbsent(field, f -> new HashMap<>())
                            .computeIfAbsent(value, v -> new CodeAcc()).add(r.get("label", String.class), n);
                }
            }
            Map<String, List<FilterValues.CodeValue>> codes = new LinkedHashMap<>();
            for (String field : FilterValues.CODED_FIELDS) {
                List<FilterValues.CodeValue> values = new ArrayList<>();
                coded.getOrDefault(field, Map.of()).forEach((code, acc) -> values.add(acc.toValue(code)));
                values.sort(Comparator.comparingLong(FilterValues.CodeValue::count).reversed()
                        .thenComparing(FilterValues.CodeValue::code));
                codes.put(field, values);
            }
            return new FilterValues(dataVersion, ranges.get(0, Long.class), marks, codes,
                    sorted(plain.getOrDefault("city", List.of())), sorted(plain.getOrDefault("seller", List.of())),
                    range(ranges.get(1), ranges.get(2)), range(ranges.get(3), ranges.get(4)),
                    range(ranges.get(5), ranges.get(6)));
        });
    }

    private static List<FilterValues.MarkValues> marks(DSLContext ctx) {
        Map<String, List<FilterValues.ValueCount>> models = new LinkedHashMap<>();
        Map<String, Long> counts = new HashMap<>();
        for (var r : marksQuery(ctx).fetch()) {
            counts.merge(r.value1(), (long) r.value3(), Long::sum);
            List<FilterValues.ValueCount> list = models.computeIfAbsent(r.value1(), m -> new ArrayList<>());
            if (r.value2() != null) {
                list.add(new FilterValues.ValueCount(r.value2(), r.value3()));
            }
        }
        List<FilterValues.MarkValues> out = new ArrayList<>();
        models.forEach((mark, list) -> out.add(new FilterValues.MarkValues(mark, counts.get(mark), sorted(list))));
        out.sort(Comparator.comparingLong(FilterValues.MarkValues::count).reversed()
                .thenComparing(FilterValues.MarkValues::mark));
        return out;
    }

    /** The queries {@link #load} runs, values inlined (for {@code bench api}). */
    public List<String> filterValuesSql() {
        return List.of(dsl.renderInlined(rangesQuery(dsl)), dsl.renderInlined(marksQuery(dsl)), VALUE_COUNTS);
    }

    private static ResultQuery<Record7<Integer, Integer, Integer, Long, Long, Integer, Integer>>
            rangesQuery(DSLContext ctx) {
        return ctx.select(DSL.count(), DSL.min(PROCESSED_DATA.YEAR), DSL.max(PROCESSED_DATA.YEAR),
                        DSL.min(PROCESSED_DATA.PRICE), DSL.max(PROCESSED_DATA.PRICE),
                        DSL.min(PROCESSED_DATA.KM_AGE), DSL.max(PROCESSED_DATA.KM_AGE))
                .from(PROCESSED_DATA).where(DSL.condition(PROCESSED_DATA.IS_ACTIVE));
    }

    private static ResultQuery<Record3<String, String, Integer>> marksQuery(DSLContext ctx) {
        return ctx.select(PROCESSED_DATA.MARK, PROCESSED_DATA.MODEL, DSL.count())
                .from(PROCESSED_DATA)
                .where(DSL.condition(PROCESSED_DATA.IS_ACTIVE).and(PROCESSED_DATA.MARK.isNotNull()))
                .groupBy(PROCESSED_DATA.MARK, PROCESSED_DATA.MODEL);
    }

    private static List<FilterValues.ValueCount> sorted(List<FilterValues.ValueCount> list) {
        List<FilterValues.ValueCount> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingLong(FilterValues.ValueCount::count).reversed()
                .thenComparing(FilterValues.ValueCount::value));
        return copy;
    }

    private static FilterValues.Range range(Object min, Object max) {
        return new FilterValues.Range(min == null ? null : ((Number) min).longValue(),
                max == null ? null : ((Number) max).longValue());
    }

    @Override
    public DataStats loadStats(int lastRuns) {
        Record processed = dsl.select(DSL.count().filterWhere(DSL.condition(PROCESSED_DATA.IS_ACTIVE)),
                        DSL.count().filterWhere(DSL.not(DSL.condition(PROCESSED_DATA.IS_ACTIVE))),
                        DSL.max(PROCESSED_DATA.NORMALIZED_AT))
                .from(PROCESSED_DATA).fetchSingle();
        Record raw = dsl.select(DSL.count(),
                        DSL.count().filterWhere(RAW_DATA.IS_PROCESSED.isFalse().and(RAW_DATA.NORMALIZE_ERROR.isNull())),
                        DSL.count().filterWhere(RAW_DATA.NORMALIZE_ERROR.isNotNull()))
                .from(RAW_DATA).fetchSingle();
        LocalDate lastSync = dsl.select(DSL.max(SYNC_STATE.LAST_SUCCESSFUL_DATE)).from(SYNC_STATE)
                .fetchOne(0, LocalDate.class);
        List<OperationRecord> runs = dsl.selectFrom(OPERATIONS_LOG)
                .orderBy(OPERATIONS_LOG.STARTED_AT.desc(), OPERATIONS_LOG.ID.desc())
                .limit(lastRuns)
                .fetch(r -> new OperationRecord(r.getId(), r.getOperationType(), instant(r.getStartedAt()),
                        duration(r.getDuration()), status(r.getStatus()), r.getDetails(), stats(r.getStats())));
        OperationRecord reconciliation = dsl.selectFrom(OPERATIONS_LOG)
                .where(OPERATIONS_LOG.OPERATION_TYPE.eq(OperationType.RECONCILE.dbValue()))
                .orderBy(OPERATIONS_LOG.STARTED_AT.desc(), OPERATIONS_LOG.ID.desc())
                .limit(1)
                .fetchOptional(r -> new OperationRecord(r.getId(), r.getOperationType(), instant(r.getStartedAt()),
                        duration(r.getDuration()), status(r.getStatus()), r.getDetails(), stats(r.getStats())))
                .orElse(null);
        OffsetDateTime lastNormalized = processed.get(2, OffsetDateTime.class);
        return new DataStats(processed.get(0, Long.class), processed.get(1, Long.class), raw.get(0, Long.class),
                raw.get(1, Long.class), raw.get(2, Long.class), lastSync, instant(lastNormalized), runs, reconciliation);
    }

    @Override
    public List<JobSummary> jobSummaries() {
        List<JobSummary> out = new ArrayList<>();
        for (Record4<String, String, Integer, OffsetDateTime> r : dsl.select(OPERATIONS_LOG.OPERATION_TYPE,
                        OPERATIONS_LOG.STATUS, DSL.count(), DSL.max(OPERATIONS_LOG.STARTED_AT))
                .from(OPERATIONS_LOG)
                .groupBy(OPERATIONS_LOG.OPERATION_TYPE, OPERATIONS_LOG.STATUS)
                .orderBy(OPERATIONS_LOG.OPERATION_TYPE, OPERATIONS_LOG.STATUS)
                .fetch()) {
            BigDecimal lastDuration = dsl.select(OPERATIONS_LOG.DURATION).from(OPERATIONS_LOG)
                    .where(OPERATIONS_LOG.OPERATION_TYPE.eq(r.value1()).and(OPERATIONS_LOG.STATUS.eq(r.value2())))
                    .orderBy(OPERATIONS_LOG.STARTED_AT.desc(), OPERATIONS_LOG.ID.desc()).limit(1)
                    .fetchOne(OPERATIONS_LOG.DURATION);
            out.add(new JobSummary(r.value1(), r.value2(), r.value3(), instant(r.value4()),
                    lastDuration == null ? null : lastDuration.doubleValue()));
        }
        return out;
    }

    @Override
    public HealthFacts health() {
        Record r = dsl.select(
                        DSL.field(DSL.select(DSL.max(SYNC_STATE.LAST_SUCCESSFUL_DATE)).from(SYNC_STATE)),
                        DSL.field(DSL.select(DSL.max(PROCESSED_DATA.NORMALIZED_AT)).from(PROCESSED_DATA)),
                        DSL.field("(SELECT reltuples::bigint FROM pg_class WHERE oid = 'processed_data'::regclass)",
                                Long.class))
                .fetchSingle();
        Long estimate = r.get(2, Long.class);
        return new HealthFacts(r.get(0, LocalDate.class), instant(r.get(1, OffsetDateTime.class)),
                estimate == null ? 0 : Math.max(0, estimate));
    }

    private static OperationStatus status(String value) {
        for (OperationStatus s : OperationStatus.values()) {
            if (s.name().equalsIgnoreCase(value)) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, Object> stats(JSONB value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(value.data(), new TypeReference<Map<String, Object>>() {
            });
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static Duration duration(BigDecimal seconds) {
        return seconds == null ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static final class CodeAcc {
        private long count;
        private final Map<String, Long> labels = new HashMap<>();

        void add(String label, long n) {
            count += n;
            if (label != null) {
                labels.merge(label, n, Long::sum);
            }
        }

        FilterValues.CodeValue toValue(String code) {
            List<String> top = labels.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                    .limit(MAX_LABELS).map(Map.Entry::getKey).toList();
            return new FilterValues.CodeValue(code, count, top);
        }
    }
}

package com.che168sync.adapter.postgres.normalize;

import static com.che168sync.db.jooq.Tables.PROCESSED_DATA;

import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.db.jooq.tables.records.ProcessedDataRecord;
import com.che168sync.domain.normalize.Coded;
import com.che168sync.domain.normalize.NormalizedListing;
import com.che168sync.domain.normalize.Normalizer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.TableField;
import org.jooq.impl.SQLDataType;

/**
 * The one place that says which value of a normalized listing goes to which column of {@code processed_data}. The
 * columns are the generated jOOQ table's fields (so a renamed or retyped column breaks the build, not a run); the
 * statement text, its placeholders, its parameter count and its {@code ON CONFLICT … DO UPDATE} list are derived
 * from this list, and {@code ProcessedDataColumnsTest} fails when the table grows a column this list does not
 * write. {@code normalized_data} is the domain's {@code Normalization.toJson()}, the API's {@code data} document.
 */
final class ProcessedDataColumns {
    /** A column and where its value comes from. */
    record Column<T>(TableField<ProcessedDataRecord, T> field, Function<NormalizedRow, T> value) {
        void bind(PreparedStatement s, int index, NormalizedRow row, String document) throws SQLException {
            Object v = field == PROCESSED_DATA.NORMALIZED_DATA ? document : value.apply(row);
            if (v == null) {
                s.setNull(index, field.getDataType().getSQLType());
            } else {
                s.setObject(index, v);
            }
        }

        /** {@code ?}, with the cast PostgreSQL needs for a value sent as text. */
        String placeholder() {
            DataType<?> type = field.getDataType();
            return type.getSQLDataType() == SQLDataType.JSONB ? "?::jsonb" : "?";
        }
    }

    /** What the upsert writes, in parameter order. {@code id} is generated, {@code normalized_at} is {@code now()}. */
    static final List<Column<?>> WRITTEN = List.of(
            column(PROCESSED_DATA.INNER_ID, r -> r.raw().innerId()),
            column(PROCESSED_DATA.IS_ACTIVE, r -> r.raw().active()),
            column(PROCESSED_DATA.MARK, r -> listing(r).mark()),
            column(PROCESSED_DATA.MODEL, r -> listing(r).model()),
            column(PROCESSED_DATA.CONFIGURATION, r -> listing(r).configuration()),
            column(PROCESSED_DATA.CAR_NAME, r -> listing(r).specs().carName()),
            column(PROCESSED_DATA.YEAR, r -> listing(r).year()),
            column(PROCESSED_DATA.FIRST_REGISTRATION, r -> listing(r).firstRegistration()),
            column(PROCESSED_DATA.PRICE, r -> listing(r).price()),
            column(PROCESSED_DATA.KM_AGE, r -> listing(r).kmAge()),
            column(PROCESSED_DATA.ENGINE_TYPE, r -> code(listing(r).engineType())),
            column(PROCESSED_DATA.ENGINE_TYPE_SOURCE, r -> source(listing(r).engineType())),
            column(PROCESSED_DATA.TRANSMISSION_TYPE, r -> code(listing(r).transmissionType())),
            column(PROCESSED_DATA.TRANSMISSION_TYPE_SOURCE, r -> source(listing(r).transmissionType())),
            column(PROCESSED_DATA.BODY_TYPE, r -> code(listing(r).bodyType())),
            column(PROCESSED_DATA.BODY_TYPE_SOURCE, r -> source(listing(r).bodyType())),
            column(PROCESSED_DATA.DRIVE_TYPE, r -> code(listing(r).driveType())),
            column(PROCESSED_DATA.DRIVE_TYPE_SOURCE, r -> source(listing(r).driveType())),
            column(PROCESSED_DATA.COLOR, r -> code(listing(r).color())),
            column(PROCESSED_DATA.COLOR_SOURCE, r -> source(listing(r).color())),
            column(PROCESSED_DATA.DISPLACEMENT, r -> listing(r).displacement()),
            column(PROCESSED_DATA.POWER, r -> listing(r).power()),
            column(PROCESSED_DATA.CITY, r -> listing(r).location().city()),
            column(PROCESSED_DATA.PROVINCE, r -> listing(r).location().province()),
            column(PROCESSED_DATA.SELLER_TYPE, r -> listing(r).sellerType()),
            column(PROCESSED_DATA.IS_DEALER, r -> listing(r).isDealer()),
            column(PROCESSED_DATA.SALON_ID, r -> listing(r).salonId()),
            column(PROCESSED_DATA.OFFER_CREATED, r -> listing(r).offerCreated()),
            column(PROCESSED_DATA.NORMALIZED_DATA, r -> null), // bound from the document serialized once per row
            column(PROCESSED_DATA.NORMALIZER_VERSION, r -> Normalizer.NORMALIZER_VERSION),
            column(PROCESSED_DATA.RAW_UPDATED_AT, r -> r.raw().lastUpdatedAt() == null ? null
                    : r.raw().lastUpdatedAt().atOffset(ZoneOffset.UTC)));

    /**
     * Columns the database fills itself: the id, the time of the write, and the change numbers of the changes feed
     * (drawn by a trigger of migration V23, so that every writer of the table is numbered).
     */
    static final Set<TableField<ProcessedDataRecord, ?>> NOT_WRITTEN = Set.of(PROCESSED_DATA.ID,
            PROCESSED_DATA.NORMALIZED_AT, PROCESSED_DATA.CHANGE_SEQ, PROCESSED_DATA.FIRST_CHANGE_SEQ);

    static final int PARAMS_PER_ROW = WRITTEN.size();

    /** {@code inner_id, is_active, …, normalized_at}. */
    static final String NAMES = WRITTEN.stream().map(c -> c.field().getName())
            .collect(Collectors.joining(", ", "", ", " + PROCESSED_DATA.NORMALIZED_AT.getName()));

    /** {@code (?,?,…,?::jsonb,?,?,now())}. */
    static final String ROW = WRITTEN.stream().map(Column::placeholder).collect(Collectors.joining(",", "(", ",now())"));

    /** {@code is_active = EXCLUDED.is_active, …}: every column but the conflict key. */
    static final String UPDATE_ALL = WRITTEN.stream().map(c -> c.field().getName())
            .filter(n -> !n.equals(PROCESSED_DATA.INNER_ID.getName()))
            .map(n -> n + " = EXCLUDED." + n)
            .collect(Collectors.joining(", ", "", ", " + PROCESSED_DATA.NORMALIZED_AT.getName() + " = EXCLUDED."
                    + PROCESSED_DATA.NORMALIZED_AT.getName()));

    private ProcessedDataColumns() {
    }

    /** Binds one row's values from parameter {@code first} on. */
    static void bind(PreparedStatement s, int first, NormalizedRow row, String document) throws SQLException {
        int p = first;
        for (Column<?> c : WRITTEN) {
            c.bind(s, p++, row, document);
        }
    }

    private static <T> Column<T> column(TableField<ProcessedDataRecord, T> field, Function<NormalizedRow, T> value) {
        return new Column<>(field, value);
    }

    private static NormalizedListing listing(NormalizedRow row) {
        return row.normalization().listing();
    }

    private static String code(Coded c) {
        return c == null ? null : c.code();
    }

    private static String source(Coded c) {
        return c == null ? null : c.source();
    }
}

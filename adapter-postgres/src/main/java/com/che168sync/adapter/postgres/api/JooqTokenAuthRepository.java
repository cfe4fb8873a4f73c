package com.che168sync.adapter.postgres.api;

import static com.che168sync.db.jooq.Tables.API_TOKENS;

import com.che168sync.application.port.out.api.LoadApiTokensPort;
import com.che168sync.application.port.out.tokens.ApiToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * {@code api_tokens} as the API's authenticator reads it; writes only {@code last_used_at}, batched. jOOQ's execute
 * logging is off for this repository: at DEBUG it would print the tokens it reads.
 */
public final class JooqTokenAuthRepository implements LoadApiTokensPort {
    private final DSLContext dsl;

    public JooqTokenAuthRepository(DSLContext dsl) {
        Settings quiet = ((Settings) Objects.requireNonNull(dsl).settings().clone()).withExecuteLogging(false);
        this.dsl = dsl.configuration().derive(quiet).dsl();
    }

    @Override
    public List<ApiToken> loadTokens() {
        return dsl.selectFrom(API_TOKENS)
                .fetch(r -> new ApiToken(r.getId(), r.getToken(), instant(r.getCreatedAt()),
                        instant(r.getExpiresAt()), r.getDescription(), instant(r.getLastUsedAt()),
                        instant(r.getRevokedAt())));
    }

    @Override
    public void recordLastUsed(Map<Integer, Instant> lastUsed) {
        if (lastUsed.isEmpty()) {
            return;
        }
        Integer[] ids = lastUsed.keySet().toArray(Integer[]::new);
        OffsetDateTime[] times = new OffsetDateTime[ids.length];
        for (int i = 0; i < ids.length; i++) {
            times[i] = lastUsed.get(ids[i]).atOffset(ZoneOffset.UTC);
        }
        var used = DSL.table("unnest({0}, {1})", DSL.val(ids, SQLDataType.INTEGER.array()),
                DSL.val(times, SQLDataType.TIMESTAMPWITHTIMEZONE.array())).as("u", "id", "used");
        dsl.update(API_TOKENS)
                .set(API_TOKENS.LAST_USED_AT, DSL.field(DSL.name("u", "used"), SQLDataType.TIMESTAMPWITHTIMEZONE))
                .from(used)
                .where(API_TOKENS.ID.eq(DSL.field(DSL.name("u", "id"), SQLDataType.INTEGER)))
                .and(API_TOKENS.LAST_USED_AT.isNull()
                        .or(API_TOKENS.LAST_USED_AT.lt(DSL.field(DSL.name("u", "used"),
                                SQLDataType.TIMESTAMPWITHTIMEZONE))))
                .execute();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}

package com.che168sync.adapter.postgres;

import static com.che168sync.db.jooq.Tables.API_TOKENS;

import com.che168sync.application.port.out.tokens.ApiTokenStorePort;
import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.db.jooq.tables.records.ApiTokensRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** api_tokens over jOOQ. */
public final class JooqApiTokenRepository implements ApiTokenStorePort {
    private final DSLContext dsl;

    public JooqApiTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public int count() {
        return dsl.fetchCount(API_TOKENS);
    }

    @Override
    public Optional<ApiToken> insertIfAbsent(String token, Instant createdAt, Instant expiresAt, String description) {
        return dsl.insertInto(API_TOKENS)
                .set(API_TOKENS.TOKEN, token)
                .set(API_TOKENS.CREATED_AT, utc(createdAt))
                .set(API_TOKENS.EXPIRES_AT, utc(expiresAt))
                .set(API_TOKENS.DESCRIPTION, description)
                .onConflict(API_TOKENS.TOKEN).doNothing()
                .returning()
                .fetchOptional()
                .map(JooqApiTokenRepository::toToken);
    }

    @Override
    public List<ApiToken> findAll() {
        return dsl.selectFrom(API_TOKENS).orderBy(API_TOKENS.ID).fetch(JooqApiTokenRepository::toToken);
    }

    @Override
    public Optional<ApiToken> findById(int id) {
        return dsl.selectFrom(API_TOKENS).where(API_TOKENS.ID.eq(id)).fetchOptional()
                .map(JooqApiTokenRepository::toToken);
    }

    @Override
    public Optional<ApiToken> findByToken(String token) {
        return dsl.selectFrom(API_TOKENS).where(API_TOKENS.TOKEN.eq(token)).fetchOptional()
                .map(JooqApiTokenRepository::toToken);
    }

    @Override
    public Optional<ApiToken> revoke(int id, Instant at) {
        return dsl.update(API_TOKENS)
                .set(API_TOKENS.REVOKED_AT, DSL.coalesce(API_TOKENS.REVOKED_AT, DSL.val(utc(at))))
                .where(API_TOKENS.ID.eq(id))
                .returning()
                .fetchOptional()
                .map(JooqApiTokenRepository::toToken);
    }

    @Override
    public Optional<ApiToken> describe(int id, String description) {
        return dsl.update(API_TOKENS)
                .set(API_TOKENS.DESCRIPTION, description)
                .where(API_TOKENS.ID.eq(id))
                .returning()
                .fetchOptional()
                .map(JooqApiTokenRepository::toToken);
    }

    private static ApiToken toToken(ApiTokensRecord r) {
        return new ApiToken(r.getId(), r.getToken(), r.getCreatedAt().toInstant(), instant(r.getExpiresAt()),
                r.getDescription(), instant(r.getLastUsedAt()), instant(r.getRevokedAt()));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant value) {
        return value == null ? null : value.atOffset(ZoneOffset.UTC);
    }
}

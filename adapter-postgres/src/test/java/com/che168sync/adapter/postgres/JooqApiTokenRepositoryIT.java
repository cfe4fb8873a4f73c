package com.che168sync.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.db.testing.PostgresFixture;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqApiTokenRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private DSLContext dsl;
    private JooqApiTokenRepository tokens;

    @BeforeEach
    void database() {
        dsl = DSL.using(PostgresFixture.shared().newDatabase().dataSource(), SQLDialect.POSTGRES);
        tokens = new JooqApiTokenRepository(dsl);
    }

    @Test
    void insertsReadsAndRefusesADuplicateToken() {
        ApiToken first = tokens.insertIfAbsent("AbCd1234EfGh5678", T0, null, "frontend").orElseThrow();
        assertThat(first.id()).isPositive();
        assertThat(first.createdAt()).isEqualTo(T0);
        assertThat(first.description()).isEqualTo("frontend");
        assertThat(first.expiresAt()).isNull();
        assertThat(tokens.insertIfAbsent("AbCd1234EfGh5678", T0, null, "again")).isEmpty();
        assertThat(tokens.count()).isEqualTo(1);
        assertThat(tokens.findByToken("AbCd1234EfGh5678")).contains(first);
        assertThat(tokens.findById(first.id())).contains(first);
        assertThat(tokens.findById(first.id() + 1)).isEmpty();
    }

    @Test
    void theDatabaseRefusesMalformedTokens() {
        assertThatThrownBy(() -> tokens.insertIfAbsent("short", T0, null, null))
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> tokens.insertIfAbsent("AbCd1234EfGh567!", T0, null, null))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void revokeKeepsTheFirstRevocationTimeAndDescribeSetsTheText() {
        ApiToken token = tokens.insertIfAbsent("ZyXw9876VuTs5432", T0, T0.plusSeconds(86_400), null).orElseThrow();
        Instant revokedAt = T0.plusSeconds(60);
        assertThat(tokens.revoke(token.id(), revokedAt).orElseThrow().revokedAt()).isEqualTo(revokedAt);
        assertThat(tokens.revoke(token.id(), revokedAt.plusSeconds(60)).orElseThrow().revokedAt())
                .isEqualTo(revokedAt);
        assertThat(tokens.describe(token.id(), "partner X").orElseThrow().description()).isEqualTo("partner X");
        assertThat(tokens.describe(token.id(), null).orElseThrow().description()).isNull();
        assertThat(tokens.revoke(9999, revokedAt)).isEmpty();
        assertThat(tokens.findAll()).singleElement().satisfies(t -> {
            assertThat(t.expiresAt()).isEqualTo(T0.plusSeconds(86_400));
            assertThat(t.status(T0)).isEqualTo(ApiToken.Status.REVOKED);
        });
    }

    @Test
    void findAllIsOldestFirst() {
        tokens.insertIfAbsent("AAAAAAAAAAAAAAA1", T0, null, null);
        tokens.insertIfAbsent("AAAAAAAAAAAAAAA2", T0, null, null);
        tokens.insertIfAbsent("AAAAAAAAAAAAAAA3", T0, null, null);
        assertThat(tokens.findAll()).extracting(ApiToken::token)
                .containsExactly("AAAAAAAAAAAAAAA1", "AAAAAAAAAAAAAAA2", "AAAAAAAAAAAAAAA3");
    }
}

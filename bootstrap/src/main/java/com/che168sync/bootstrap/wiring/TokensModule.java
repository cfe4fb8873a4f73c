package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.postgres.JooqApiTokenRepository;
import com.che168sync.application.port.out.ops.JobLockPort;
import com.che168sync.application.port.out.tokens.ApiTokenStorePort;
import com.che168sync.application.port.in.tokens.ManageTokensUseCase;
import com.che168sync.application.tokens.TokensService;
import dagger.Module;
import dagger.Provides;
import java.security.SecureRandom;
import java.time.Clock;
import org.jooq.DSLContext;

/** API tokens for the CLI ({@code init}, {@code tokens ...}). */
@Module
public final class TokensModule {
    private TokensModule() {
    }

    @Provides
    static ApiTokenStorePort tokenStore(DSLContext dsl) {
        return new JooqApiTokenRepository(dsl);
    }

    @Provides
    static ManageTokensUseCase manageTokens(ApiTokenStorePort store, JobLockPort locks, Clock clock) {
        return new TokensService(store, locks, clock, new SecureRandom());
    }
}

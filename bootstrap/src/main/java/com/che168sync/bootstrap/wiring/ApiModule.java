package com.che168sync.bootstrap.wiring;

import com.che168sync.adapter.http.ApiServerConfig;
import com.che168sync.adapter.http.ApiUseCases;
import com.che168sync.adapter.postgres.api.JooqApiStatsRepository;
import com.che168sync.adapter.postgres.api.JooqChangesRepository;
import com.che168sync.adapter.postgres.api.JooqOfferSearchRepository;
import com.che168sync.adapter.postgres.api.JooqTokenAuthRepository;
import com.che168sync.application.api.ChangesService;
import com.che168sync.application.api.DataVersionService;
import com.che168sync.application.api.FilterValuesService;
import com.che168sync.application.api.GetOfferService;
import com.che168sync.application.api.OfferCursorCodec;
import com.che168sync.application.api.SearchOffersService;
import com.che168sync.application.api.StatsService;
import com.che168sync.application.api.TokenAuthenticationService;
import com.che168sync.application.api.TokenBucketRateLimiter;
import com.che168sync.application.api.UnauthenticatedRateLimiter;
import com.che168sync.bootstrap.config.ApiConfig;
import com.che168sync.bootstrap.config.Settings;
import dagger.Module;
import dagger.Provides;
import java.time.Clock;
import java.time.Duration;
import javax.inject.Singleton;
import org.jooq.DSLContext;

/** The public API: its use cases over the PostgreSQL adapters, and the server's settings. */
@Module
public final class ApiModule {
    /** The cap on {@code limit} of {@code GET /changes}. */
    static final int MAX_CHANGES_PAGE = 1000;
    /** How long /stats and the job part of /metrics are cached. */
    static final Duration STATS_CACHE = Duration.ofSeconds(10);
    /** /health says "stale" when the last successful daily update is older than this many days. */
    static final int STALE_AFTER_DAYS = 2;
    /** At most one log line per client address that exceeds the limit without a valid token, in this time. */
    static final Duration UNAUTHENTICATED_REPORT_EVERY = Duration.ofMinutes(1);
    /** How long a stop waits for requests in flight. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private ApiModule() {
    }

    @Provides
    @Singleton
    static TokenAuthenticationService apiAuthenticator(DSLContext dsl, Clock clock, ApiConfig api) {
        return new TokenAuthenticationService(new JooqTokenAuthRepository(dsl), clock, api.tokenCacheTtl());
    }

    @Provides
    @Singleton
    static ApiUseCases apiUseCases(DSLContext dsl, Clock clock, ApiConfig api, Settings settings,
                                   TokenAuthenticationService authenticator) {
        JooqOfferSearchRepository offers = new JooqOfferSearchRepository(dsl);
        JooqApiStatsRepository stats = new JooqApiStatsRepository(dsl);
        JooqChangesRepository changes = new JooqChangesRepository(dsl);
        DataVersionService versions = new DataVersionService(changes, clock, api.dataVersionCheck());
        FilterValuesService filters = new FilterValuesService(stats, versions);
        return new ApiUseCases(
                new SearchOffersService(offers, filters,
                        OfferCursorCodec.fromSecret(settings.secretKey().orElse(null)), api.maxPageSize()),
                new GetOfferService(offers), filters, new StatsService(stats, clock, STATS_CACHE, STALE_AFTER_DAYS),
                new ChangesService(changes, versions, MAX_CHANGES_PAGE), versions, authenticator, new TokenBucketRateLimiter(api.rateLimitPerSecond(), api.rateLimitBurst(), clock),
                new UnauthenticatedRateLimiter(api.unauthenticatedPerSecond(), api.unauthenticatedBurst(),
                        api.unauthenticatedMaxClients(), UNAUTHENTICATED_REPORT_EVERY, clock),
                clock);
    }

    @Provides
    static ApiServerConfig apiServerConfig(ApiConfig api) {
        return new ApiServerConfig(api.host(), api.port(), api.corsOrigins(), api.defaultPageSize(), SHUTDOWN_GRACE,
                api.cache());
    }
}

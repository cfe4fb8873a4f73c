package com.che168sync.adapter.http;

import com.che168sync.adapter.postgres.api.JooqApiStatsRepository;
import com.che168sync.adapter.postgres.api.JooqChangesRepository;
import com.che168sync.application.api.ChangesService;
import com.che168sync.application.api.DataVersionService;
import com.che168sync.adapter.postgres.api.JooqOfferSearchRepository;
import com.che168sync.adapter.postgres.api.JooqTokenAuthRepository;
import com.che168sync.adapter.postgres.api.SyntheticListings;
import com.che168sync.application.api.FilterValuesService;
import com.che168sync.application.api.GetOfferService;
import com.che168sync.application.api.OfferCursorCodec;
import com.che168sync.application.api.SearchOffersService;
import com.che168sync.application.api.StatsService;
import com.che168sync.application.api.TokenAuthenticationService;
import com.che168sync.application.api.TokenBucketRateLimiter;
import com.che168sync.application.api.UnauthenticatedRateLimiter;
import com.che168sync.application.testing.MutableClock;
import com.che168sync.db.testing.PostgresFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A real API server on a free loopback port over a fresh, migrated PostgreSQL database, wired like production,
 * with a clock the test moves. Tokens: {@link #TOKEN} (valid), {@link #REVOKED}, {@link #EXPIRED}.
 */
final class TestApi implements AutoCloseable {
    static final String TOKEN = "ValidToken000001";
    static final String SECOND = "ValidToken000002";
    static final String REVOKED = "RevokedToken0001";
    static final String EXPIRED = "ExpiredToken0001";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final HikariDataSource dataSource;
    final DSLContext dsl;
    final TokenAuthenticationService authenticator;
    final DataVersionService versions;
    final ApiServer server;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestApi(int rate, int burst, List<String> corsOrigins) {
        this(rate, burst, corsOrigins, 100_000, 100_000);
    }

    /** With the limit for requests without a valid token ({@code unauthenticatedRate}/s, burst). */
    TestApi(int rate, int burst, List<String> corsOrigins, int unauthenticatedRate, int unauthenticatedBurst) {
        this(rate, burst, corsOrigins, unauthenticatedRate, unauthenticatedBurst, ApiServerConfig.DEFAULT_CACHE);
    }

    /** With these response cache settings. */
    TestApi(ApiServerConfig.Cache cache) {
        this(100_000, 100_000, List.of("https://cars.example.com"), 100_000, 100_000, cache);
    }

    private TestApi(int rate, int burst, List<String> corsOrigins, int unauthenticatedRate, int unauthenticatedBurst,
                    ApiServerConfig.Cache cache) {
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(8);
        dataSource = new HikariDataSource(config);
        dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
        // the test's own set-up must not log tokens either, so the log checks see only what the product logs
        DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false)).execute("INSERT INTO api_tokens (token, description, expires_at, revoked_at) VALUES "
                + "(?, 'frontend team', NULL, NULL), (?, 'second client', NULL, NULL), "
                + "(?, 'old partner', NULL, now()), (?, 'trial', ?::timestamptz, NULL)",
                TOKEN, SECOND, REVOKED, EXPIRED, "2026-11-01T00:00:00Z");
        authenticator = new TokenAuthenticationService(new JooqTokenAuthRepository(dsl), clock, Duration.ofSeconds(30));
        versions = new DataVersionService(new JooqChangesRepository(dsl), clock, Duration.ofSeconds(1));
        server = ApiServer.start(new ApiServerConfig("127.0.0.1", 0, corsOrigins, 20, Duration.ofSeconds(2), cache),
                useCases(versions, authenticator, rate, burst, unauthenticatedRate, unauthenticatedBurst));
    }

    /** The use cases over this database, wired like production, with their own caches and rate limiters. */
    private ApiUseCases useCases(DataVersionService versions, TokenAuthenticationService authenticator, int rate,
                                 int burst, int unauthenticatedRate, int unauthenticatedBurst) {
        JooqOfferSearchRepository offers = new JooqOfferSearchRepository(dsl);
        JooqApiStatsRepository stats = new JooqApiStatsRepository(dsl);
        FilterValuesService filters = new FilterValuesService(stats, versions);
        return new ApiUseCases(
                new SearchOffersService(offers, filters, OfferCursorCodec.fromSecret("test secret"), 100),
                new GetOfferService(offers), filters, new StatsService(stats, clock, Duration.ofSeconds(10), 2),
                new ChangesService(new JooqChangesRepository(dsl), versions, 1000), versions, authenticator,
                new TokenBucketRateLimiter(rate, burst, clock),
                new UnauthenticatedRateLimiter(unauthenticatedRate, unauthenticatedBurst, 1000, Duration.ofMinutes(1),
                        clock), clock);
    }

    /**
     * Another server process over the same database and clock: its own data version, response cache, token cache
     * and rate limits (the caller closes it).
     */
    ApiServer anotherServer() {
        DataVersionService ownVersions = new DataVersionService(new JooqChangesRepository(dsl), clock,
                Duration.ofSeconds(1));
        TokenAuthenticationService ownAuthenticator = new TokenAuthenticationService(new JooqTokenAuthRepository(dsl),
                clock, Duration.ofSeconds(30));
        return ApiServer.start(new ApiServerConfig("127.0.0.1", 0, List.of(), 20, Duration.ofSeconds(2)),
                useCases(ownVersions, ownAuthenticator, 100_000, 100_000, 100_000, 100_000));
    }

    /** A server with a limit no test reaches by accident. */
    TestApi() {
        this(100_000, 100_000, List.of("https://cars.example.com"));
    }

    TestApi withListings(int count, int inactivePercent) {
        new SyntheticListings(dsl).generate(1, count, inactivePercent);
        dsl.execute("ANALYZE processed_data");
        return this;
    }

    /** One value of a plain SQL query. */
    <T> T value(Class<T> type, String sql, Object... bindings) {
        return dsl.resultQuery(sql, bindings).fetchOne(0, type);
    }

    /** GET with the valid token. */
    HttpResponse<String> get(String pathAndQuery) {
        return get(pathAndQuery, "Authorization", "Bearer " + TOKEN);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        return get(server, pathAndQuery, headers);
    }

    /** GET on the given server of this database. */
    HttpResponse<String> get(ApiServer target, String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
        dataSource.close();
    }
}

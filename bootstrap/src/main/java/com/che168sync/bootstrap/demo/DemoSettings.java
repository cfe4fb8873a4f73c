package com.che168sync.bootstrap.demo;

import com.che168sync.bootstrap.config.ApiConfig;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.config.LoadConfig;
import com.che168sync.bootstrap.config.RetryConfig;
import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.config.SourceConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of a demo run, derived from the operator's: the demo always uses the embedded PostgreSQL under
 * {@code DATA_DIR} with a database of its own ({@value #DATABASE}), so it never touches a real database named by
 * {@code DB_HOST} or the embedded default's data; its source is the sandbox it started; a source error is retried a
 * few times, seconds apart, not 20 times over 4 hours; its API listens on {@value #HOST} only (a laptop demo must
 * not serve the network it is on, whatever {@code API_HOST} says). Everything else (API port, rate limits, logging)
 * is kept.
 */
public final class DemoSettings {
    /** The demo's database inside the embedded PostgreSQL. */
    public static final String DATABASE = "che168_demo";
    /** The only address the demo's API listens on. */
    public static final String HOST = "127.0.0.1";
    static final RetryConfig RETRY = new RetryConfig(5, Duration.ofSeconds(2));

    private DemoSettings() {
    }

    /**
     * @param database the demo's database in the embedded PostgreSQL ({@value #DATABASE} or a variant of it)
     */
    public static Settings derive(Settings base, URI sandboxUrl, String sandboxKey, long listings, int apiPort,
                                  String database) {
        if (!database.startsWith(DATABASE)) {
            throw new IllegalArgumentException("a demo database is named " + DATABASE + "*, not " + database);
        }
        DbConfig db = new DbConfig(Optional.empty(), base.db().port(), base.db().user(), "", database,
                base.db().poolSize(), base.dataDir().resolve("postgres"));
        SourceConfig s = base.source();
        SourceConfig source = new SourceConfig(Optional.of(sandboxUrl), Optional.of(sandboxKey), s.connectTimeout(),
                s.readTimeout(), s.callTimeout(), s.userAgent(), s.pageSize(), s.feedZone());
        ApiConfig a = base.api();
        ApiConfig api = new ApiConfig(HOST, apiPort, a.rateLimitPerSecond(), a.rateLimitBurst(), a.corsOrigins(),
                a.tokenCacheTtl(), a.lastUsedFlushInterval(), a.defaultPageSize(), a.maxPageSize(), a.unauthenticatedPerSecond(), a.unauthenticatedBurst(),
                a.unauthenticatedMaxClients(), a.dataVersionCheck(), a.cache());
        return new Settings(base.configFile(), base.dataDir(), db, source, RETRY, new LoadConfig(listings),
                base.update(), base.reconcile(), base.normalize(), api, base.logging(), base.secretKey());
    }
}

package com.che168sync.bootstrap.config;

import com.che168sync.adapter.http.ApiServerConfig;
import java.time.Duration;
import java.util.List;

/**
 * The public REST API ({@code api.*}, {@code API_PORT}).
 *
 * @param host                  bind address
 * @param port                  {@code API_PORT}
 * @param rateLimitPerSecond    {@code api.rate_limit.rate}: sustained requests per second, the same for every token
 * @param rateLimitBurst        {@code api.rate_limit.burst}: requests allowed at once above the sustained rate
 * @param corsOrigins           allowed browser origins; empty = no CORS headers, {@code *} = any
 * @param tokenCacheTtl         how long a validated token is trusted before the database is asked again
 * @param lastUsedFlushInterval how often {@code api_tokens.last_used_at} is written
 * @param defaultPageSize       {@code limit} when the client gives none
 * @param maxPageSize           the cap on {@code limit}
 * @param unauthenticatedPerSecond {@code api.rate_limit.unauthenticated.rate}: sustained requests per second
 *                              without a valid token, per client address
 * @param unauthenticatedBurst  {@code api.rate_limit.unauthenticated.burst}: such requests allowed at once
 * @param unauthenticatedMaxClients {@code api.rate_limit.unauthenticated.max_clients}: client addresses tracked at
 *                              most (the memory bound; beyond it, new addresses share one bucket)
 * @param dataVersionCheck      {@code api.data_version_check_interval}: how often at most the data version is asked
 *                              of the database (the oldest data an answer can reflect)
 * @param cache                 {@code api.cache.*}: the response cache and {@code Cache-Control: max-age}
 */
public record ApiConfig(String host, int port, int rateLimitPerSecond, int rateLimitBurst, List<String> corsOrigins,
                        Duration tokenCacheTtl, Duration lastUsedFlushInterval, int defaultPageSize,
                        int maxPageSize, int unauthenticatedPerSecond, int unauthenticatedBurst,
                        int unauthenticatedMaxClients, Duration dataVersionCheck, ApiServerConfig.Cache cache) {
    public ApiConfig {
        corsOrigins = List.copyOf(corsOrigins);
    }
}

package com.che168sync.adapter.http;

import java.time.Duration;
import java.util.List;

/**
 * How the API server listens, pages and caches.
 *
 * @param host          bind address
 * @param port          port (0 = any free port, for tests)
 * @param corsOrigins   browser origins allowed ({@code *} = any; empty = no CORS headers)
 * @param defaultLimit  {@code limit} when the client gives none
 * @param shutdownGrace how long a stop waits for requests in flight
 * @param cache         the response cache and {@code Cache-Control}
 */
public record ApiServerConfig(String host, int port, List<String> corsOrigins, int defaultLimit,
                              Duration shutdownGrace, Cache cache) {
    /** The defaults of {@code config.yaml}: the cache on, 64 MB, {@code max-age=1}. */
    public static final Cache DEFAULT_CACHE = new Cache(true, 64L << 20, Duration.ofSeconds(1));

    /**
     * The response cache.
     *
     * @param enabled  false: every answer is rendered from the database (ETags and 304 still work)
     * @param maxBytes the bound of the bodies kept (with their gzip forms and keys)
     * @param maxAge   {@code Cache-Control: private, max-age}: how long a client may reuse an answer unasked
     */
    public record Cache(boolean enabled, long maxBytes, Duration maxAge) {
        public Cache {
            if (maxBytes < 1) {
                throw new IllegalArgumentException("maxBytes must be at least 1");
            }
            if (maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
        }
    }

    /** With the default cache settings. */
    public ApiServerConfig(String host, int port, List<String> corsOrigins, int defaultLimit, Duration shutdownGrace) {
        this(host, port, corsOrigins, defaultLimit, shutdownGrace, DEFAULT_CACHE);
    }

    public ApiServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        java.util.Objects.requireNonNull(cache);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (defaultLimit < 1) {
            throw new IllegalArgumentException("defaultLimit must be at least 1");
        }
    }
}

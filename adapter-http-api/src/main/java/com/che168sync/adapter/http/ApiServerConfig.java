package com.che168sync.adapter.http;

import java.time.Duration;
import java.util.List;

/**
 * How the API server listens and pages.
 *
 * @param host          bind address
 * @param port          port (0 = any free port, for tests)
 * @param corsOrigins   browser origins allowed ({@code *} = any; empty = no CORS headers)
 * @param defaultLimit  {@code limit} when the client gives none
 * @param shutdownGrace how long a stop waits for requests in flight
 */
public record ApiServerConfig(String host, int port, List<String> corsOrigins, int defaultLimit,
                              Duration shutdownGrace) {
    public ApiServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (defaultLimit < 1) {
            throw new IllegalArgumentException("defaultLimit must be at least 1");
        }
    }
}

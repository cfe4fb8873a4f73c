package com.che168sync.adapter.http;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;

/**
 * CORS for the configured browser origins ({@code *} = any): simple requests get
 * {@code Access-Control-Allow-Origin} and the rate-limit headers exposed; preflights ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) are answered here, without a token, 204 for an allowed origin and 403
 * otherwise. No origins configured: no CORS headers at all.
 */
final class CorsFilter implements Filter {
    private static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final String EXPOSED = "RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, ETag";

    private final List<String> origins;
    private final boolean any;

    CorsFilter(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.any = origins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (origins.isEmpty() || origin.isEmpty()) {
            chain.proceed();
            return;
        }
        boolean allowed = any || origins.contains(origin.get());
        boolean preflight = req.prologue().method() == Method.OPTIONS && req.headers().contains(REQUEST_METHOD);
        if (preflight) {
            if (!allowed) {
                Responses.error(req, res, 403, "origin_not_allowed", "this origin may not call the API", "Origin");
                return;
            }
            allowOrigin(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, X-API-Key, Content-Type, If-None-Match");
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
            res.status(204).send();
            return;
        }
        if (allowed) {
            allowOrigin(res, origin.get());
            res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED);
        }
        chain.proceed();
    }

    private void allowOrigin(RoutingResponse res, String origin) {
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, any ? "*" : origin);
    }
}

package com.che168sync.adapter.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Times every request and counts it by route and status. */
final class ObservabilityFilter implements Filter {
    private final ApiMetrics metrics;

    ObservabilityFilter(ApiMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String route = Routes.of(req.path().path()); // before routing: afterwards the path is the service's
        try {
            chain.proceed();
        } finally {
            metrics.record(route, res.status().code(), System.nanoTime() - start);
        }
    }
}

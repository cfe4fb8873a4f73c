package com.che168sync.adapter.http;

import java.util.List;
import java.util.Set;

/** The API's routes: paths, the label metrics use, and which need no token. */
final class Routes {
    static final String OFFERS = "/offers";
    static final String OFFER = "/offers/{inner_id}";
    static final String FILTERS = "/filters";
    static final String STATS = "/stats";
    static final String HEALTH = "/health";
    static final String METRICS = "/metrics";
    static final String OPENAPI = "/openapi";
    static final String CHANGES = "/changes";
    static final String DOCS = "/docs";

    /** Every GET route, as OpenAPI names it. */
    static final List<String> ALL = List.of(OFFERS, OFFER, FILTERS, STATS, HEALTH, METRICS, OPENAPI, CHANGES, DOCS);

    /** Routes answered without a token (and the files of the API explorer under {@code /docs/}). */
    static final Set<String> PUBLIC = Set.of(HEALTH, DOCS);

    private Routes() {
    }

    /** Whether a request path is answered without a token. */
    static boolean isPublic(String path) {
        return PUBLIC.contains(path) || path.startsWith(DOCS + "/");
    }

    /** The route pattern of a request path ({@code other} when none matches). */
    static String of(String path) {
        switch (path) {
            case OFFERS, FILTERS, STATS, HEALTH, METRICS, OPENAPI, CHANGES, DOCS -> {
                return path;
            }
            default -> {
                if (path.startsWith("/offers/") && path.length() > 8 && path.indexOf('/', 8) < 0) {
                    return OFFER;
                }
                return "other";
            }
        }
    }
}

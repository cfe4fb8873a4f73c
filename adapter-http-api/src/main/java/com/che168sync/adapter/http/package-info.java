/**
 * The public REST API (docs/rules.md#public-api) on Helidon SE 4: {@link com.che168sync.adapter.http.ApiServer} is the module's
 * entry; one {@code HttpService} per resource; authentication, rate limit, CORS and metrics as routing filters;
 * every error mapped once, on the routing, to {@code {"error": {"code", "message", "parameter"}}}.
 */
package com.che168sync.adapter.http;

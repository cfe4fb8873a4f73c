/**
 * The public API's use cases (SPEC §5): searching active listings with filters, sort and keyset pagination, one
 * listing, filter values, statistics, health, token authentication and the per-token rate limit. The inbound use
 * cases are called by the HTTP adapter; the outbound ports ({@code ...Port}) are implemented by the PostgreSQL
 * adapter. No framework here: time comes from an injected {@link java.time.Clock}.
 */
package com.che168sync.application.api;

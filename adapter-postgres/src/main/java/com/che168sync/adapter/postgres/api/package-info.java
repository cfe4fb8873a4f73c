/**
 * PostgreSQL side of the public API: the queries behind {@code /offers}, {@code /filters}, {@code /stats},
 * {@code /health}, and the token table as the authenticator reads it. Read-only except {@code last_used_at}.
 */
package com.che168sync.adapter.postgres.api;

/**
 * PostgreSQL behind the outbound ports: {@link com.che168sync.adapter.postgres.PostgresDatabase} (HikariCP + jOOQ,
 * an external server or the embedded PostgreSQL of {@link com.che168sync.adapter.postgres.EmbeddedPostgresServer},
 * migrations or a schema check), operations_log, advisory job locks, tokens and the status counts here; the
 * repositories of each feature in {@code ingest}, {@code normalize} and {@code api}.
 */
package com.che168sync.adapter.postgres;

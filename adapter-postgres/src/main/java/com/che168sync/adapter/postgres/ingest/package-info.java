/**
 * raw_data, the load checkpoint, failed pages and sync_state for the initial load and the daily update: {@link
 * com.che168sync.adapter.postgres.ingest.PostgresIngestRepository}, one transaction per page (docs/ingest.md,
 * docs/adr/0041-async-commit-for-load-pages.md).
 */
package com.che168sync.adapter.postgres.ingest;

/**
 * The ingest jobs: {@link com.che168sync.application.ingest.LoadCatalogueService} (the initial load, docs/rules.md#initial-load) and
 * {@link com.che168sync.application.ingest.UpdateChangesService} (the daily update, docs/rules.md#daily-update), with their settings.
 * Source requests go through the shared {@link com.che168sync.application.retry.RetryPolicy}; time and sleeping are
 * injected.
 */
package com.che168sync.application.ingest;

/**
 * The ingest jobs: {@link com.che168sync.application.ingest.LoadCatalogueService} (the initial load, SPEC §3.1) and
 * {@link com.che168sync.application.ingest.UpdateChangesService} (the daily update, SPEC §3.2), with their settings.
 * Source requests go through the shared {@link com.che168sync.application.retry.RetryPolicy}; time and sleeping are
 * injected.
 */
package com.che168sync.application.ingest;

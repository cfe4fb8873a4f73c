package com.che168sync.application.port.in.ingest;

/**
 * The initial load (docs/rules.md#initial-load): pages through {@code /offers} into {@code raw_data}, one transaction per page
 * together with its checkpoint, resuming after any interruption. One run at a time (refused otherwise).
 */
public interface LoadCatalogueUseCase {
    IngestResult load(LoadCatalogueCommand command);
}

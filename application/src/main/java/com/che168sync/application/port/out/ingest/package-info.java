/**
 * Outbound ports of the ingest jobs towards storage ({@code raw_data}, {@code load_checkpoint},
 * {@code load_failed_pages}, {@code sync_state}) and the operator's console. Implemented by {@code adapter-postgres}
 * and by in-memory fakes in tests; failures are unchecked exceptions.
 */
package com.che168sync.application.port.out.ingest;

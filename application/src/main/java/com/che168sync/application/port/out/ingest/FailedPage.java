package com.che168sync.application.port.out.ingest;

import java.time.Instant;

/** A page of {@code /offers} the load gave up on ({@code load_failed_pages}), until a refetch stores it. */
public record FailedPage(int page, int attempts, String lastError, Instant failedAt) {
}

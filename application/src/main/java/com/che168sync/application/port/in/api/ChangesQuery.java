package com.che168sync.application.port.in.api;

/**
 * {@code GET /changes}.
 *
 * @param since the opaque cursor of a previous answer ({@code meta.next_since}); null = start at "now"
 * @param limit changes per page
 */
public record ChangesQuery(String since, int limit) {
}

package com.che168sync.application.port.out.api;

/**
 * Where a page ends in its order: the last row's sort key (null when the row is in the tail of unknown keys) and id.
 * The next page starts strictly after it.
 */
public record Keyset(Long sortKey, long id) {
}

package com.che168sync.application.port.out.normalize;

/**
 * A raw row that could not be normalized or stored.
 *
 * @param rawId   raw_data.id
 * @param innerId raw_data.inner_id
 * @param error   what went wrong, one line for raw_data.normalize_error (never a secret)
 */
public record RecordFailure(long rawId, String innerId, String error) {
}

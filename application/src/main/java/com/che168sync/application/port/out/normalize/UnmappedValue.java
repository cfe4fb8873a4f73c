package com.che168sync.application.port.out.normalize;

/**
 * A label no dictionary maps, and on how many processed rows it occurs.
 *
 * @param field  {@code engine_type}, {@code transmission_type}, {@code drive_type}, {@code body_type} or {@code color}
 * @param source the source text
 * @param count  rows carrying it
 */
public record UnmappedValue(String field, String source, long count) {
}

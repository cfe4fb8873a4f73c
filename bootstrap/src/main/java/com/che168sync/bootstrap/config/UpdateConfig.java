package com.che168sync.bootstrap.config;

/**
 * The daily update ({@code update.*}). {@code fetchUnknownDetails}: a {@code changed} event for a listing we do not
 * have carries only the changed fields; when true the full listing is fetched with {@code /offer?inner_id=}.
 */
public record UpdateConfig(boolean fetchUnknownDetails) {
}

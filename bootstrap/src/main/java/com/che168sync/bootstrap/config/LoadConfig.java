package com.che168sync.bootstrap.config;

/** The initial load ({@code load.*}). {@code estimatedTotal}: listings expected, for progress and ETA. */
public record LoadConfig(long estimatedTotal) {
}

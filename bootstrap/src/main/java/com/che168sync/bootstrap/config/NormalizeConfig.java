package com.che168sync.bootstrap.config;

/**
 * Normalization ({@code normalize.*}). {@code batchSize}: raw rows per transaction (200). {@code maxAttempts}: how
 * many runs may fail on the same version of a record before it is left alone (with its error recorded).
 */
public record NormalizeConfig(int batchSize, int maxAttempts) {
}

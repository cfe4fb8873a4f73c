package com.che168sync.application.port.out.normalize;

/**
 * The normalizer's queue.
 *
 * @param waiting  raw rows with {@code is_processed = false} that will be tried
 * @param parked   raw rows with {@code is_processed = false} that failed {@code maxAttempts} times on their current
 *                 version: left alone until the raw row changes
 * @param outdated processed rows written by an older normalizer version ({@code normalize --all} redoes them)
 */
public record QueueStats(long waiting, long parked, long outdated) {
}

package com.che168sync.application.api;

/**
 * The rate limiter's answer for one request, with what the {@code RateLimit-*} headers show.
 *
 * @param allowed           whether the request may proceed
 * @param limit             the bucket's capacity (burst)
 * @param remaining         requests left right now
 * @param resetSeconds      seconds until the bucket is full again
 * @param retryAfterSeconds when refused: seconds until one request is allowed again (at least 1); else 0
 */
public record RateDecision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
}

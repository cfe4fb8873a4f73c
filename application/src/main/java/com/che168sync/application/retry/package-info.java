/**
 * The source retry policy shared by the initial load and the daily update (docs/rules.md#initial-load, #daily-update): {@link
 * com.che168sync.application.retry.RetryPolicy} with its {@link com.che168sync.application.retry.RetrySettings},
 * an injected {@link com.che168sync.application.retry.Sleeper} and clock, and a
 * {@link com.che168sync.application.retry.RetryListener} that logs each failure. No framework annotations.
 */
package com.che168sync.application.retry;

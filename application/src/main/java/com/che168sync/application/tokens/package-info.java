/**
 * API tokens (docs/rules.md#data-model): 16 characters {@code [A-Za-z0-9]} from a SecureRandom, unique; 20 created at the first
 * set-up and printed once; revoked or described by the operator through the CLI.
 */
package com.che168sync.application.tokens;

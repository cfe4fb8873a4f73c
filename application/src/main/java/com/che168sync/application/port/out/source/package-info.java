/**
 * Outbound ports towards the source feed (auto-api.com v2, che168), implemented by {@code adapter-che168}
 * and by fakes in tests. Records here are already tolerant-read: envelopes, quirks and time zones are the
 * adapter's business. Failures are the unchecked exceptions of this package, never a library's.
 */
package com.che168sync.application.port.out.source;

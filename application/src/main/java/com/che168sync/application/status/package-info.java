/** The operator's view of the mirror: counts, sync state, load checkpoint, recent runs (docs/rules.md#settings-logging-and-locks). */
package com.che168sync.application.status;

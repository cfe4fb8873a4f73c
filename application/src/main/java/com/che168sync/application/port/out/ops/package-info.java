/** Outbound ports every job uses: its row in operations_log and the one-run-at-a-time lock. */
package com.che168sync.application.port.out.ops;

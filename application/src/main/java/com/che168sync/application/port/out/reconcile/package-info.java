/** Outbound ports of the reconciliation: its checkpoint, the scan kept in the database, the set-based repair. */
package com.che168sync.application.port.out.reconcile;

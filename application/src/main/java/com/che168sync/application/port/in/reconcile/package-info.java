/** The reconciliation use case: a periodic full scan that repairs what the change feed missed. */
package com.che168sync.application.port.in.reconcile;

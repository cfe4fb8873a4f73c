/**
 * The reconciliation ({@code ./che168 reconcile}): a resumable full scan of the catalogue, kept in the database,
 * compared with the mirror and repaired set-based, with removals confirmed by {@code /offer} and a safety valve.
 */
package com.che168sync.application.reconcile;

package com.che168sync.bootstrap.config;

/**
 * The reconciliation ({@code reconcile.*}).
 *
 * @param maxChangeShare the safety valve: a run that would add, reactivate, change or remove more than this share of
 *                       the active listings changes nothing and exits 1 ({@code --force} overrides it)
 * @param confirmBudget  at most this many {@code /offer} requests a run spends confirming removals
 */
public record ReconcileConfig(double maxChangeShare, int confirmBudget) {
}

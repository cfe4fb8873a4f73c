package com.che168sync.application.reconcile;

import java.time.Duration;

/**
 * Settings of {@code reconcile} (from {@code config.yaml}, validated at start).
 *
 * @param maxChangeShare   the safety valve: a run that would write more than this share of the active listings
 *                         (added + reactivated + changed + removed) changes nothing and exits 1, unless forced; 0..1
 * @param confirmBudget    at most this many {@code /offer} requests a run spends confirming removals; listings not
 *                         checked stay active (the next run checks them); at least 0
 * @param estimatedTotal   listings expected in the catalogue, for the progress line
 * @param progressInterval how often a progress line is printed
 */
public record ReconcileSettings(double maxChangeShare, int confirmBudget, long estimatedTotal,
                                Duration progressInterval) {
    public static final double DEFAULT_MAX_CHANGE_SHARE = 0.05;
    public static final int DEFAULT_CONFIRM_BUDGET = 5_000;

    public ReconcileSettings {
        if (!(maxChangeShare >= 0 && maxChangeShare <= 1)) {
            throw new IllegalArgumentException("reconcile.max_change_share must be between 0 and 1, got "
                    + maxChangeShare);
        }
        if (confirmBudget < 0) {
            throw new IllegalArgumentException("reconcile.confirm_budget must be >= 0, got " + confirmBudget);
        }
        if (estimatedTotal < 1) {
            throw new IllegalArgumentException("the estimated total must be at least 1, got " + estimatedTotal);
        }
        if (progressInterval == null || progressInterval.isNegative() || progressInterval.isZero()) {
            throw new IllegalArgumentException("the progress interval must be positive, got " + progressInterval);
        }
    }

    public static ReconcileSettings defaults() {
        return new ReconcileSettings(DEFAULT_MAX_CHANGE_SHARE, DEFAULT_CONFIRM_BUDGET, 250_000, Duration.ofSeconds(10));
    }
}

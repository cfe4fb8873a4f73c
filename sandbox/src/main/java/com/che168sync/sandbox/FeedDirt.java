package com.che168sync.sandbox;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How much the sandbox's feed behaves like the real, dirty and live one. Everything is off by default and costs
 * nothing per item when off; every choice is a pure function of the seed.
 *
 * @param poisonRate    share of the {@code /offers} items, {@code /changes} events and {@code /offer} answers (each
 *                      chosen by seed from its listing or change id) that carry one of {@code poisonKinds}; 0..1.
 *                      {@link Sandbox#groundTruth} holds what a correct mirror stores from them (repaired or left
 *                      out), {@link Sandbox#poisonedItems} lists them
 * @param poisonKinds   the kinds injected (null or empty: all), each poisoned item drawing one of those that fit
 *                      it: {@code /offer} answers carry only the text kinds, {@code removed} events only the others
 *                      (their data is not stored)
 * @param retentionDays {@code /change_id?date=D} answers {@code {"change_id": 0}}, as the real feed does for a date it
 *                      no longer has, for every D more than this many days before the last change day (the sandbox's
 *                      "today"); 0 = the feed keeps every day. {@code /changes} still serves every event
 * @param liveToday     events become visible ({@code /changes}, {@code /change_id}, the ground truth) only once the
 *                      sandbox clock has passed their {@code created_at}: a run at 02:00 of the last change day sees
 *                      the night's events; {@code /change_id} answers 0 for a day none of whose events is visible yet
 */
public record FeedDirt(double poisonRate, Set<PoisonKind> poisonKinds, int retentionDays, boolean liveToday) {

    public FeedDirt {
        if (!(poisonRate >= 0 && poisonRate <= 1)) {
            throw new IllegalArgumentException("poison-rate must be between 0 and 1, got " + poisonRate);
        }
        poisonKinds = poisonKinds == null || poisonKinds.isEmpty() ? Collections.unmodifiableSet(EnumSet.allOf(
                PoisonKind.class)) : Collections.unmodifiableSet(EnumSet.copyOf(poisonKinds));
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention-days must be >= 0, got " + retentionDays);
        }
    }

    /** A clean, complete feed (the default). */
    public static FeedDirt none() {
        return new FeedDirt(0, null, 0, false);
    }

    /** Poison in a share {@code rate} of the items, of every kind. */
    public FeedDirt withPoison(double rate) {
        return new FeedDirt(rate, poisonKinds, retentionDays, liveToday);
    }

    /** Poison in a share {@code rate} of the items, of these kinds only. */
    public FeedDirt withPoison(double rate, Set<PoisonKind> kinds) {
        return new FeedDirt(rate, kinds, retentionDays, liveToday);
    }

    public FeedDirt withRetentionDays(int days) {
        return new FeedDirt(poisonRate, poisonKinds, days, liveToday);
    }

    public FeedDirt withLiveToday(boolean live) {
        return new FeedDirt(poisonRate, poisonKinds, retentionDays, live);
    }

    /** True when some item may be poisoned. */
    public boolean poisoned() {
        return poisonRate > 0;
    }

    @Override
    public String toString() {
        return "FeedDirt[poisonRate=" + poisonRate + ", poisonKinds=" + PoisonKind.names(poisonKinds)
                + ", retentionDays=" + retentionDays + ", liveToday=" + liveToday + "]";
    }
}

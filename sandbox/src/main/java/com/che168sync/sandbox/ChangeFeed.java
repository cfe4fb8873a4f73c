package com.che168sync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The simulated calendar: for each change day, its events in change-id order. Only small descriptors are
 * kept (key, type, flags, timestamp: ~20 bytes an event); an event's {@code data} is derived on demand. Memory
 * grows with days × changes per day, never with the catalogue.
 *
 * <p>Mix of a day's events (per mille): 120 {@code added} (new listings), 10 re-{@code added} (a removed
 * listing comes back, full data), 90 repeats on a listing already touched that day (changed, or removed), 30
 * {@code changed} for a listing the catalogue never showed (a ghost), 10 {@code removed} for a ghost, 140
 * {@code removed}, the rest {@code changed}.
 */
final class ChangeFeed {
    static final byte ADDED = 1;
    static final byte CHANGED = 2;
    static final byte REMOVED = 3;

    static final byte FLAG_READD = 1;
    static final byte FLAG_NO_DATA = 2;
    static final byte FLAG_MOSCOW_TIME = 4;

    private static final long DAY_MILLIS = 86_400_000L;

    private final long firstId;
    private final LocalDate[] dates;
    /** Position of each day's first event; dayStart[days] = total. */
    private final int[] dayStart;
    /** Added listings (keys listings …) and ghosts known once each day is over. */
    private final long[] addedAfterDay;
    private final long[] ghostsAfterDay;
    private final long[] keys;
    private final byte[] types;
    private final byte[] flags;
    private final long[] millis;
    private final Map<Long, int[]> positionsByKey;
    private final long listings;

    ChangeFeed(long seed, long listings, LocalDate firstDay, int days, int changesPerDay) {
        this.listings = listings;
        this.firstId = 800_000L + Math.floorMod(Rng.hash(seed, Rng.DAY, -1), 200_000L);
        this.dates = new LocalDate[days];
        this.dayStart = new int[days + 1];
        int[] counts = new int[days];
        int total = 0;
        for (int d = 0; d < days; d++) {
            dates[d] = firstDay.plusDays(d);
            double jitter = 0.9 + 0.2 * Rng.unit(Rng.hash(seed, Rng.DAY, dates[d].toEpochDay()));
            counts[d] = (int) Math.round(changesPerDay * jitter);
            dayStart[d] = total;
            total += counts[d];
        }
        dayStart[days] = total;
        keys = new long[total];
        types = new byte[total];
        flags = new byte[total];
        millis = new long[total];
        addedAfterDay = new long[days];
        ghostsAfterDay = new long[days];

        Map<Long, Boolean> removed = new HashMap<>();
        List<Long> removedKeys = new ArrayList<>();
        List<Long> ghostKeys = new ArrayList<>();
        long added = 0;
        long ghosts = 0;
        int pos = 0;
        for (int d = 0; d < days; d++) {
            SplittableRandom r = Rng.random(seed, Rng.DAY, dates[d].toEpochDay());
            long dayStartMillis = dates[d].atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant().toEpochMilli();
            List<Long> today = new ArrayList<>();
            int count = counts[d];
            for (int j = 0; j < count; j++, pos++) {
                long population = listings + added;
                int roll = r.nextInt(1000);
                long key = Long.MIN_VALUE;
                byte type = CHANGED;
                byte flag = 0;
                if (population == 0 || roll < 120) {
                    key = listings + added++;
                    type = ADDED;
                } else if (roll < 130) {
                    long back = stillRemoved(removedKeys, removed, r);
                    if (back >= 0) {
                        key = back;
                        type = ADDED;
                        flag = FLAG_READD;
                    }
                } else if (roll < 220) {
                    if (!today.isEmpty()) {
                        long candidate = today.get(today.size() - 1 - r.nextInt(Math.min(today.size(), 50)));
                        if (!removed.getOrDefault(candidate, false)) {
                            key = candidate;
                            type = r.nextInt(10) < 7 ? CHANGED : REMOVED;
                        }
                    }
                } else if (roll < 250 && ghosts < MAX_GHOSTS_SAFE) {
                    if (!ghostKeys.isEmpty() && r.nextInt(10) < 3) {
                        key = ghostKeys.get(r.nextInt(ghostKeys.size()));
                    } else {
                        key = -1 - ghosts++;
                        ghostKeys.add(key);
                    }
                    type = CHANGED;
                } else if (roll < 260 && ghosts < MAX_GHOSTS_SAFE) {
                    key = -1 - ghosts++;
                    ghostKeys.add(key);
                    type = REMOVED;
                }
                if (key == Long.MIN_VALUE) {
                    key = Math.floorMod(r.nextLong(), population);
                    boolean isRemoved = removed.getOrDefault(key, false);
                    type = roll >= 260 && roll < 400 && !isRemoved ? REMOVED : CHANGED;
                }
                if (type == REMOVED) {
                    removed.put(key, true);
                    if (key >= 0) {
                        removedKeys.add(key);
                    }
                    if (r.nextInt(100) < 35) {
                        flag |= FLAG_NO_DATA;
                    }
                } else if (type == ADDED) {
                    removed.put(key, false);
                }
                if (r.nextBoolean()) {
                    flag |= FLAG_MOSCOW_TIME;
                }
                keys[pos] = key;
                types[pos] = type;
                flags[pos] = flag;
                long slot = DAY_MILLIS / Math.max(count, 1);
                long at = dayStartMillis + j * slot + (slot > 1 ? r.nextLong(slot) : 0);
                // the Z form is sent without a fraction: keep only what is sent
                millis[pos] = (flag & FLAG_MOSCOW_TIME) != 0 ? at : at / 1000 * 1000;
                today.add(key);
            }
            addedAfterDay[d] = added;
            ghostsAfterDay[d] = ghosts;
        }

        Map<Long, int[]> byKey = new HashMap<>();
        for (int p = 0; p < total; p++) {
            int[] list = byKey.get(keys[p]);
            if (list == null) {
                byKey.put(keys[p], new int[]{p});
            } else {
                int[] grown = Arrays.copyOf(list, list.length + 1);
                grown[list.length] = p;
                byKey.put(keys[p], grown);
            }
        }
        this.positionsByKey = byKey;
    }

    private static final long MAX_GHOSTS_SAFE = Catalogue.MAX_GHOSTS - 1;

    /** A catalogue or added listing currently removed, or -1. */
    private static long stillRemoved(List<Long> removedKeys, Map<Long, Boolean> removed, SplittableRandom r) {
        if (removedKeys.isEmpty()) {
            return -1;
        }
        int start = r.nextInt(removedKeys.size());
        for (int i = 0; i < removedKeys.size(); i++) {
            long key = removedKeys.get((start + i) % removedKeys.size());
            if (removed.getOrDefault(key, false)) {
                return key;
            }
        }
        return -1;
    }

    int days() {
        return dates.length;
    }

    LocalDate date(int day) {
        return dates[day];
    }

    int size() {
        return keys.length;
    }

    long firstId() {
        return firstId;
    }

    long idAt(int pos) {
        return firstId + pos;
    }

    /** The position of a change id, or -1 when no event has it. */
    int positionOf(long changeId) {
        long p = changeId - firstId;
        return p >= 0 && p < keys.length ? (int) p : -1;
    }

    int dayStart(int day) {
        return dayStart[day];
    }

    /** Exclusive end position of the day. */
    int dayEnd(int day) {
        return dayStart[day + 1];
    }

    /** Index of the day containing the date, or -1 (before) / days (after). */
    int dayIndexOf(LocalDate date) {
        if (dates.length == 0 || date.isBefore(dates[0])) {
            return -1;
        }
        long d = date.toEpochDay() - dates[0].toEpochDay();
        return d >= dates.length ? dates.length : (int) d;
    }

    long key(int pos) {
        return keys[pos];
    }

    byte type(int pos) {
        return types[pos];
    }

    boolean hasFlag(int pos, byte flag) {
        return (flags[pos] & flag) != 0;
    }

    Instant createdAt(int pos) {
        return Instant.ofEpochMilli(millis[pos]);
    }

    LocalDate dateOf(int pos) {
        int lo = 0;
        int hi = dates.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (dayStart[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return dates[lo];
    }

    /** The keys that have at least one event. */
    java.util.Set<Long> keysWithEvents() {
        return java.util.Collections.unmodifiableSet(positionsByKey.keySet());
    }

    /** The number of events whose {@code created_at} is at or before {@code epochMillis}. */
    int countUpTo(long epochMillis) {
        int lo = 0;
        int hi = millis.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (millis[mid] <= epochMillis) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Positions of the key's events in id order (empty when none). */
    int[] positions(long key) {
        int[] p = positionsByKey.get(key);
        return p == null ? new int[0] : p;
    }

    /** Listings added (keys {@code listings …}) by the end of a day; day -1 = before the calendar. */
    long addedAfter(int day) {
        return day < 0 ? 0 : addedAfterDay[Math.min(day, dates.length - 1)];
    }

    /** Ghosts known by the end of a day; day -1 = before the calendar. */
    long ghostsAfter(int day) {
        return day < 0 ? 0 : ghostsAfterDay[Math.min(day, dates.length - 1)];
    }

    long totalAdded() {
        return dates.length == 0 ? 0 : addedAfterDay[dates.length - 1];
    }

    long totalGhosts() {
        return dates.length == 0 ? 0 : ghostsAfterDay[dates.length - 1];
    }

    long listings() {
        return listings;
    }
}

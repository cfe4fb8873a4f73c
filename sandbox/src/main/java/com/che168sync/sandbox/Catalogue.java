package com.che168sync.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;

/**
 * Listing keys, their inner ids and the page layout of {@code /offers}; all arithmetic, nothing stored.
 *
 * <p>Keys: {@code 0 … listings-1} are the catalogue, {@code listings …} the listings added on change days (in
 * order of addition), negative keys {@code -1-g} the "ghosts": listings the catalogue never showed, known only
 * from {@code changed}/{@code removed} events. Inner ids are {@code 40,000,000 + 8·key + j} (ghosts:
 * {@code 30,000,000 + 8·g + j}) with a seeded jitter {@code j < 8}, so they look irregular yet decode back.
 *
 * <p>Page layout: 20 slots a page. On "repeat pages" (every K-th page from a seeded offset) the first slot
 * repeats the previous page's last listing, as the live feed does when listings shift during paging; the
 * catalogue is still served completely, each listing at least once.
 */
final class Catalogue {
    static final int PAGE_SIZE = 20;
    static final long CATALOGUE_ID_BASE = 40_000_000L;
    static final long GHOST_ID_BASE = 30_000_000L;
    static final long MAX_GHOSTS = (CATALOGUE_ID_BASE - GHOST_ID_BASE) / 8;
    private static final long API_ID_BASE = 1_000_000L;
    /** The {@code id} of a ghost's item on a live catalogue: {@code GHOST_API_ID_BASE - key} (keys are negative). */
    static final long GHOST_API_ID_BASE = 900_000L;
    private static final DateTimeFormatter UTC_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MOSCOW_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(SandboxOptions.SOURCE_ZONE);

    /** How the last page says there is no next one. */
    enum LastPageStyle { NULL, ABSENT, ZERO }

    private final long seed;
    private final long listings;
    private final long repeatEvery;
    private final long repeatOffset;
    private final long pages;
    private final LastPageStyle lastPageStyle;
    private final Instant catalogueEnd;

    Catalogue(long seed, long listings, LocalDate firstChangeDay) {
        this.seed = seed;
        this.listings = listings;
        long h = Rng.hash(seed, Rng.LAYOUT, 0);
        this.repeatEvery = 23 + Math.floorMod(h, 29);
        this.repeatOffset = Math.floorMod(Rng.mix(h), repeatEvery);
        double style = Rng.unit(Rng.hash(seed, Rng.LAYOUT, 1));
        this.lastPageStyle = style < 0.7 ? LastPageStyle.NULL : style < 0.85 ? LastPageStyle.ABSENT : LastPageStyle.ZERO;
        this.catalogueEnd = firstChangeDay.atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant();
        this.pages = computePages();
    }

    long listings() {
        return listings;
    }

    long pages() {
        return pages;
    }

    LastPageStyle lastPageStyle() {
        return lastPageStyle;
    }

    static String innerIdOf(long seed, long key) {
        long jitter = Rng.hash(seed, Rng.INNER_ID, key) & 7;
        long id = key >= 0 ? CATALOGUE_ID_BASE + key * 8 + jitter : GHOST_ID_BASE + (-1 - key) * 8 + jitter;
        return Long.toString(id);
    }

    String innerId(long key) {
        return innerIdOf(seed, key);
    }

    /** The key of an inner id this sandbox could have generated (its existence is checked by the caller). */
    OptionalLong keyOf(String innerId) {
        if (innerId == null || innerId.isEmpty() || innerId.length() > 18 || !innerId.chars().allMatch(Character::isDigit)
                || innerId.charAt(0) == '0') {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(innerId);
        long key;
        if (id >= CATALOGUE_ID_BASE) {
            key = (id - CATALOGUE_ID_BASE) / 8;
        } else if (id >= GHOST_ID_BASE) {
            key = -1 - (id - GHOST_ID_BASE) / 8;
        } else {
            return OptionalLong.empty();
        }
        return innerIdOf(seed, key).equals(innerId) ? OptionalLong.of(key) : OptionalLong.empty();
    }

    /** The {@code id} of a catalogue item in {@code /offers}. */
    long apiId(long key) {
        return API_ID_BASE + key;
    }

    /** The catalogue item's {@code created_at}: some moment in the 400 days before the first change day. */
    Instant createdAt(long key) {
        long h = Rng.hash(seed, Rng.LISTING, key ^ 0x7F4A7C15L);
        long millisBack = 1 + Math.floorMod(h, 400L * 86_400_000L);
        long millis = catalogueEnd.toEpochMilli() - millisBack;
        boolean utcStyle = (h & 1) == 0;
        return Instant.ofEpochMilli(utcStyle ? millis / 1000 * 1000 : millis);
    }

    /** The catalogue item's {@code created_at} as sent: {@code Z} without fraction, or {@code +03:00} with millis. */
    String createdAtText(long key) {
        Instant at = createdAt(key);
        return at.toEpochMilli() % 1000 == 0 && (Rng.hash(seed, Rng.LISTING, key ^ 0x7F4A7C15L) & 1) == 0
                ? UTC_SECONDS.format(at) : MOSCOW_MILLIS.format(at);
    }

    static String formatTimestamp(Instant at, boolean moscow) {
        return moscow ? MOSCOW_MILLIS.format(at) : UTC_SECONDS.format(at);
    }

    private boolean isRepeatPage(long page) {
        return page >= 2 && Math.floorMod(page, repeatEvery) == repeatOffset;
    }

    /** Number of repeat pages among pages 2..page. */
    private long repeatsUpTo(long page) {
        if (page < 2) {
            return 0;
        }
        return countCongruent(page) - countCongruent(1);
    }

    /** Number of q in [0, n] with q ≡ repeatOffset (mod repeatEvery). */
    private long countCongruent(long n) {
        return n < repeatOffset ? 0 : (n - repeatOffset) / repeatEvery + 1;
    }

    /** Exclusive end of the keys served on pages 1..page. */
    private long endKey(long page) {
        return page * PAGE_SIZE - repeatsUpTo(page);
    }

    private long computePages() {
        if (listings == 0) {
            return 1;
        }
        long lo = 1;
        long hi = listings / (PAGE_SIZE - 1) + 2;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (endKey(mid) >= listings) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The first page a catalogue listing is served on. */
    long pageOf(long key) {
        long lo = 1;
        long hi = pages;
        while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            if (endKey(mid) > key) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * The keys served on a page, in order (a repeat page starts with the previous page's last key); empty past
     * the last page.
     */
    long[] keysOnPage(long page) {
        if (page < 1 || page > pages) {
            return new long[0];
        }
        long start = endKey(page - 1);
        long end = Math.min(endKey(page), listings);
        boolean repeat = isRepeatPage(page) && start > 0;
        int n = (int) (end - start) + (repeat ? 1 : 0);
        long[] keys = new long[n];
        int i = 0;
        if (repeat) {
            keys[i++] = start - 1;
        }
        for (long k = start; k < end; k++) {
            keys[i++] = k;
        }
        return keys;
    }
}

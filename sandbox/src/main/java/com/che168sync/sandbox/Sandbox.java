package com.che168sync.sandbox;


import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The sandbox's data, without HTTP: a deterministic catalogue, a calendar of change days, the {@code /offer}
 * state of every listing and the ground truth a correct mirror reaches. Immutable and thread-safe; everything
 * about a listing is recomputed from (seed, key) when asked, so memory does not grow with the catalogue (only
 * with days × changes per day, ~20 bytes an event).
 *
 * <h2>The site ("now")</h2>
 * The catalogue is the site before the first change day. Every event of every change day is in the feed at
 * once (also today's, whatever the clock's time of day), and {@code /offer} answers with the state after the
 * last change day: the listing's data with all its events applied (an {@code added} event's data replaces it, a
 * {@code changed} event is merged as docs/rules.md#merge-of-a-changed-event says); for a listing removed by then, half of them (chosen by
 * seed) answer 404 instead. Listings never in the catalogue ("ghosts", only met in {@code changed}/{@code
 * removed} events) exist on the site with data of their own.
 *
 * <h2>Ground truth</h2>
 * {@link #groundTruth(LocalDate)} gives, for the end of a day, one {@link GroundTruthEntry} per row of
 * {@code raw_data}: the catalogue rows as {@code /offers} served them, then docs/rules.md#daily-update's rules applied to every
 * event up to that day, in id order:
 * <ul>
 *   <li>{@code added}: data = the event's data, active; a new row has source {@code daily_update};</li>
 *   <li>{@code changed} of a known row: data merged (§3.3: {@code new_x} → {@code x}, other keys overwrite,
 *       absent keys kept), active status unchanged;</li>
 *   <li>{@code changed} of an unknown row: the mirror fetches {@code /offer}; data = merge({@code /offer}'s
 *       data, the event's data), active. When {@code /offer} answers 404 the row is built from the event's
 *       fields only: data = merge({@code {}}, the event's data);</li>
 *   <li>{@code removed}: active_status 1, data kept; an unknown row is created with data {@code {}}.</li>
 * </ul>
 * {@code change_type}, {@code last_change_id} and {@code created_at} are those of the last event applied.
 * Events the feed misses ({@link SiteDrift#missedShare()}) are not applied: the ground truth is what the feed
 * tells; {@link #siteTruth()} is what the site holds.
 *
 * <h2>A live site ({@link SiteDrift#liveCatalogue()})</h2>
 * {@code /offers} and {@code /offer} serve the site at the sandbox clock's instant: the catalogue with every event
 * whose {@code created_at} has passed applied (missed ones too), listed in key order (ghosts from their first event
 * on, then the catalogue, then listings added on change days), 20 a page; removed listings are gone from it. With
 * {@link SiteDrift#shiftEveryPages()} listings move to the top while a scan runs.
 *
 * <h2>A dirty, live feed ({@link FeedDirt})</h2>
 * Poisoned items ({@link Poison}: dirt in the served documents only; the site itself stays clean), a retention window
 * of {@code /change_id} and events visible only once the clock passes them. The ground truth follows: what a correct
 * mirror stores from the poisoned documents (repaired, as sent, or left out), up to the events visible by now;
 * {@link #poisonedItems(LocalDate)} lists what it quarantines.
 */
public final class Sandbox {

    /** How {@code meta} is rendered; the broken modes are faults. */
    enum MetaMode { NORMAL, NOT_ADVANCING, MISSING }

    private final SandboxOptions options;
    private final Catalogue catalogue;
    private final ChangeFeed feed;
    private final ListingGenerator generator;
    private final SandboxCalendar calendar;
    private final byte[] filters;
    private final SiteDrift site;
    private final FeedDirt dirt;
    /** Null when no item is poisoned (the default): the served documents pay one null check per item. */
    private final Poison poison;
    private final java.util.concurrent.atomic.AtomicLong poisonedServed = new java.util.concurrent.atomic.AtomicLong();
    /** The live catalogue as of the last event position it was built for (rebuilt when the clock passes events). */
    private volatile LiveView liveView;
    /** Listings moved to the top of the live catalogue, oldest first (guarded by {@code this}). */
    private final List<Long> bumped = new ArrayList<>();
    private long offersServed;

    private Sandbox(SandboxOptions options) {
        this.options = options;
        this.site = options.site();
        this.dirt = options.dirt();
        this.poison = dirt.poisoned() ? new Poison(options.seed(), dirt) : null;
        LocalDate firstDay = options.firstChangeDay();
        this.catalogue = new Catalogue(options.seed(), options.listings(), firstDay);
        this.generator = new ListingGenerator(options.seed(), firstDay);
        this.feed = new ChangeFeed(options.seed(), options.listings(), firstDay, options.days(), options.changesPerDay());
        this.calendar = buildCalendar(firstDay);
        this.filters = buildFilters();
    }

    /** Builds the sandbox's data for these options (cheap: only the calendar's event descriptors are made). */
    public static Sandbox create(SandboxOptions options) {
        return new Sandbox(options);
    }

    public SandboxOptions options() {
        return options;
    }

    public SandboxCalendar calendar() {
        return calendar;
    }

    /**
     * The rows of {@code raw_data} a correct mirror holds at the end of {@code date} (Moscow time), lazily, in
     * a stable order: catalogue listings in {@code /offers} order, then listings added on change days, then
     * listings only known from the change feed. A date before the first change day gives the state right after
     * the initial load; a date after the last change day the final state.
     */
    public Stream<GroundTruthEntry> groundTruth(LocalDate date) {
        int day = lastDayUpTo(date);
        int upTo = truthEnd(day);
        return truthKeys(day).mapToObj(key -> truth(key, upTo, null)).filter(Objects::nonNull);
    }

    private LongStream truthKeys(int day) {
        return LongStream.concat(
                LongStream.range(0, options.listings() + feed.addedAfter(day)),
                LongStream.range(0, feed.ghostsAfter(day)).map(g -> -1 - g));
    }

    /** The last event position a mirror has applied at the end of {@code day} (with live today: and seen by now). */
    private int truthEnd(int day) {
        if (day < 0) {
            return -1;
        }
        return (dirt.liveToday() ? Math.min(feed.dayEnd(day), visibleEvents()) : feed.dayEnd(day)) - 1;
    }

    /**
     * The poisoned items a mirror meets up to the end of {@code date} ({@link FeedDirt#poisonRate()}): every poisoned
     * {@code /offers} item of the catalogue, every poisoned event served up to then, and every poisoned {@code /offer}
     * answer the mirror fetches for a {@code changed} event of a listing it does not have; by listing, in the order of
     * {@link #groundTruth(LocalDate)}. Empty without poison.
     */
    public Stream<PoisonedItem> poisonedItems(LocalDate date) {
        if (poison == null) {
            return Stream.empty();
        }
        int day = lastDayUpTo(date);
        int upTo = truthEnd(day);
        return truthKeys(day).boxed().flatMap(key -> {
            List<PoisonedItem> items = new ArrayList<>(0);
            truth(key, upTo, items::add);
            return items.stream();
        });
    }

    /** How many items, events and {@code /offer} answers were served poisoned since the start. */
    public long poisonedServed() {
        return poisonedServed.get();
    }

    /** The state right after the initial load, before the first change day. */
    public Stream<GroundTruthEntry> initialGroundTruth() {
        return groundTruth(options.firstChangeDay().minusDays(1));
    }

    /** One listing's ground truth at the end of {@code date}; empty when the mirror has no row for it. */
    public Optional<GroundTruthEntry> groundTruthOf(String innerId, LocalDate date) {
        OptionalLong key = catalogue.keyOf(innerId);
        if (key.isEmpty() || !known(key.getAsLong())) {
            return Optional.empty();
        }
        int day = lastDayUpTo(date);
        return Optional.ofNullable(truth(key.getAsLong(), truthEnd(day), null));
    }

    /**
     * Writes {@link #groundTruth(LocalDate)} as JSON lines ({@link GroundTruthEntry#toJsonLine()}).
     *
     * @return the number of lines written
     */
    public long writeGroundTruth(LocalDate date, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long n = 0;
        Iterator<GroundTruthEntry> it = groundTruth(date).iterator();
        while (it.hasNext()) {
            writer.write(it.next().toJsonLine());
            writer.write('\n');
            n++;
        }
        writer.flush();
        return n;
    }

    /** Writes the ground truth of {@code date} to a file as JSON lines; returns the number of lines. */
    public long writeGroundTruth(LocalDate date, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            return writeGroundTruth(date, out);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // listings and events

    private int lastDayUpTo(LocalDate date) {
        int day = feed.dayIndexOf(date);
        return Math.min(day, feed.days() - 1);
    }

    /** True when the key names a listing of this run (catalogue, added on a change day, or a ghost). */
    private boolean known(long key) {
        return key >= 0 ? key < options.listings() + feed.totalAdded() : -1 - key < feed.totalGhosts();
    }

    String innerId(long key) {
        return catalogue.innerId(key);
    }

    /** The listing as it was before the calendar (catalogue listings and ghosts). */
    LinkedHashMap<String, Object> baseData(long key) {
        return generator.listing(key, catalogue.innerId(key), null);
    }

    /** The event's {@code data}, or null when the event carries none. */
    Map<String, Object> eventData(int pos) {
        long key = feed.key(pos);
        return switch (feed.type(pos)) {
            case ChangeFeed.ADDED -> addedData(pos, key);
            case ChangeFeed.CHANGED -> changedData(pos, key);
            default -> feed.hasFlag(pos, ChangeFeed.FLAG_NO_DATA) ? null : new LinkedHashMap<>();
        };
    }

    private LinkedHashMap<String, Object> addedData(int pos, long key) {
        if (!feed.hasFlag(pos, ChangeFeed.FLAG_READD)) {
            return generator.listing(key, catalogue.innerId(key), feed.dateOf(pos));
        }
        SiteState before = siteState(key, pos - 1);
        LinkedHashMap<String, Object> data = before.data() == null ? baseData(key) : before.data();
        SplittableRandom r = Rng.random(options.seed(), Rng.EVENT, feed.idAt(pos));
        long price = Math.round(generator.core(key).price() * (0.7 + 0.25 * r.nextDouble()) / 100.0) * 100;
        data.put("price", r.nextBoolean() ? (Object) price : Long.toString(price));
        return data;
    }

    private LinkedHashMap<String, Object> changedData(int pos, long key) {
        SplittableRandom r = Rng.random(options.seed(), Rng.EVENT, feed.idAt(pos));
        ListingGenerator.Core core = generator.core(key);
        long price = Math.round(core.price() * (0.75 + 0.25 * r.nextDouble()) / 100.0) * 100;
        Object priceValue = r.nextBoolean() ? (Object) price : Long.toString(price);
        long km = core.km() + r.nextInt(50) * 100L;
        Object kmValue = r.nextBoolean() ? (Object) km : Long.toString(km);
        int variant = r.nextInt(1000);
        LinkedHashMap<String, Object> data = new LinkedHashMap<>();
        if (variant < 650) {
            data.put("new_price", priceValue);
        } else if (variant < 800) {
            data.put("new_price", priceValue);
            data.put("new_km_age", kmValue);
        } else if (variant < 880) {
            data.put("new_price", priceValue);
            data.put("color", Rng.pick(r, Vocabulary.COLORS));
        } else if (variant < 930) {
            data.put("new_km_age", kmValue);
        } else if (variant < 960) {
            data.put("description", "价格已调整，" + Rng.pick(r, Vocabulary.DESCRIPTION_PHRASES) + "。");
        } else if (variant < 985) {
            data.put("new_price", r.nextBoolean() ? "面议" : "");
        } else if (variant < 995) {
            data.put("new_price", priceValue);
            data.put("new_images", List.of());
        }
        // else: {} — a change with nothing in it
        return data;
    }

    /** docs/rules.md#merge-of-a-changed-event: {@code new_x} overwrites {@code x}, other keys overwrite themselves, absent keys stay. */
    static LinkedHashMap<String, Object> merge(LinkedHashMap<String, Object> stored, Map<String, Object> change) {
        if (change != null) {
            for (Map.Entry<String, Object> e : change.entrySet()) {
                String k = e.getKey();
                stored.put(k.startsWith("new_") && k.length() > 4 ? k.substring(4) : k, e.getValue());
            }
        }
        return stored;
    }

    /** The site's view of a listing after the events up to {@code upTo} (inclusive). */
    record SiteState(LinkedHashMap<String, Object> data, boolean active, int lastPos) {
    }

    SiteState siteState(long key, int upTo) {
        LinkedHashMap<String, Object> data = key < options.listings() ? baseData(key) : null;
        boolean active = data != null;
        int lastPos = -1;
        for (int pos : feed.positions(key)) {
            if (pos > upTo) {
                break;
            }
            switch (feed.type(pos)) {
                case ChangeFeed.ADDED -> {
                    data = new LinkedHashMap<>(eventData(pos));
                    active = true;
                }
                case ChangeFeed.CHANGED -> data = merge(data == null ? new LinkedHashMap<>() : data, eventData(pos));
                default -> active = false;
            }
            lastPos = pos;
        }
        return new SiteState(data, active, lastPos);
    }

    /**
     * What {@code /offer} answers for a key: the site state (the final one, or now on a live site), or empty for a
     * 404 (unknown, not on the site yet, or removed and chosen by seed to answer 404).
     */
    Optional<SiteState> offerState(long key) {
        if (!known(key)) {
            return Optional.empty();
        }
        int upTo = site.liveCatalogue() ? nowPosition() - 1 : Integer.MAX_VALUE;
        if (site.liveCatalogue() && !onSiteBy(key, upTo)) {
            return Optional.empty();
        }
        SiteState state = siteState(key, upTo);
        if (state.data() == null || !state.active() && Rng.unit(Rng.hash(options.seed(), Rng.OFFER, key)) < 0.5) {
            return Optional.empty();
        }
        return Optional.of(state);
    }

    // ------------------------------------------------------------------------------------------------------
    // the site as it is: missed events, the live catalogue, the site truth

    /** True when the feed never shows the event at {@code pos} (the site applies it all the same). */
    boolean missed(int pos) {
        return site.missedShare() > 0
                && Rng.unit(Rng.hash(options.seed(), Rng.MISSED, feed.idAt(pos))) < site.missedShare();
    }

    /** How many events the feed misses in all. */
    public long missedEvents() {
        long n = 0;
        for (int pos = 0; pos < feed.size() && site.missedShare() > 0; pos++) {
            n += missed(pos) ? 1 : 0;
        }
        return n;
    }

    /** The number of events that have happened on the site: all of them, or on a live site those up to now. */
    int nowPosition() {
        return site.liveCatalogue() ? feed.countUpTo(options.clock().millis()) : feed.size();
    }

    /** True when the listing has appeared on the site by {@code upTo}: a catalogue listing, or one with an event. */
    private boolean onSiteBy(long key, int upTo) {
        if (key >= 0 && key < options.listings()) {
            return true;
        }
        int[] positions = feed.positions(key);
        return positions.length > 0 && positions[0] <= upTo;
    }

    /** True when the listing is listed on the site after the events up to {@code upTo}. */
    private boolean listedAt(long key, int upTo) {
        if (!onSiteBy(key, upTo)) {
            return false;
        }
        boolean active = key < options.listings(); // catalogue listings and ghosts exist before their events
        for (int pos : feed.positions(key)) {
            if (pos > upTo) {
                break;
            }
            switch (feed.type(pos)) {
                case ChangeFeed.ADDED -> active = true;
                case ChangeFeed.REMOVED -> active = false;
                default -> {
                }
            }
        }
        return active;
    }

    /** The listings on the live site after the events before {@code end}, in key order. */
    private record LiveView(int end, long[] keys) {
    }

    private LiveView liveView() {
        int end = nowPosition();
        LiveView view = liveView;
        if (view != null && view.end() == end) {
            return view;
        }
        int upTo = end - 1;
        long total = options.listings() + feed.totalAdded() + feed.totalGhosts();
        long[] keys = new long[(int) Math.min(total, Integer.MAX_VALUE - 8)];
        int n = 0;
        for (long g = feed.totalGhosts() - 1; g >= 0; g--) {
            long key = -1 - g;
            if (listedAt(key, upTo)) {
                keys[n++] = key;
            }
        }
        for (long key = 0; key < options.listings() + feed.totalAdded(); key++) {
            if (key < options.listings() && feed.positions(key).length == 0 || listedAt(key, upTo)) {
                keys[n++] = key;
            }
        }
        view = new LiveView(end, java.util.Arrays.copyOf(keys, n));
        liveView = view;
        return view;
    }

    /**
     * The keys of a live {@code /offers} page in display order (moved listings first, newest move on top, then the
     * others in key order), and whether a next page exists. Moves a listing first when {@code shiftEveryPages} says so.
     */
    private synchronized long[] livePageKeys(long page, boolean[] more) {
        LiveView view = liveView();
        long[] all = view.keys();
        bumped.removeIf(k -> java.util.Arrays.binarySearch(all, k) < 0);
        offersServed++;
        if (site.shiftEveryPages() > 0 && offersServed % site.shiftEveryPages() == 0) {
            long target = page * Catalogue.PAGE_SIZE + 1 + Math.floorMod(Rng.hash(options.seed(), Rng.SHIFT,
                    offersServed), 2L * Catalogue.PAGE_SIZE);
            if (target < all.length) {
                bumped.add(displayKey(all, target));
            }
        }
        int b = bumped.size();
        int[] bumpedIndex = new int[b];
        for (int i = 0; i < b; i++) {
            bumpedIndex[i] = java.util.Arrays.binarySearch(all, bumped.get(i));
        }
        java.util.Arrays.sort(bumpedIndex);
        long from = (page - 1) * Catalogue.PAGE_SIZE;
        long to = Math.min(from + Catalogue.PAGE_SIZE, all.length);
        more[0] = to < all.length;
        long[] keys = new long[(int) Math.max(0, to - from)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = displayKey(all, from + i, bumpedIndex);
        }
        return keys;
    }

    private long displayKey(long[] all, long position) {
        int b = bumped.size();
        int[] bumpedIndex = new int[b];
        for (int i = 0; i < b; i++) {
            bumpedIndex[i] = java.util.Arrays.binarySearch(all, bumped.get(i));
        }
        java.util.Arrays.sort(bumpedIndex);
        return displayKey(all, position, bumpedIndex);
    }

    private long displayKey(long[] all, long position, int[] bumpedIndex) {
        int b = bumpedIndex.length;
        if (position < b) {
            return bumped.get(b - 1 - (int) position);
        }
        long index = position - b;
        for (int skipped : bumpedIndex) {
            if (skipped <= index) {
                index++;
            }
        }
        return all[(int) index];
    }

    /**
     * What the site holds now: every listing it lists, with its data (the catalogue with every event up to now
     * applied, missed ones too; on a site that is not live, after the last change day). A mirror that also repairs
     * what its feed missed reaches exactly these active listings with exactly this data.
     */
    public Stream<SiteListing> siteTruth() {
        long[] keys;
        int upTo;
        if (site.liveCatalogue()) {
            LiveView view = liveView();
            keys = view.keys();
            upTo = view.end() - 1;
        } else {
            int last = feed.size() - 1;
            upTo = last;
            keys = LongStream.concat(LongStream.range(0, feed.totalGhosts()).map(g -> -1 - g),
                    LongStream.range(0, options.listings() + feed.totalAdded()))
                    .filter(k -> listedAt(k, last)).toArray();
        }
        if (poison == null) {
            return java.util.Arrays.stream(keys).mapToObj(k -> new SiteListing(catalogue.innerId(k),
                    SandboxJson.write(siteState(k, upTo).data())));
        }
        // as a correct mirror stores the site's /offers items: repaired or as sent. An item without inner_id cannot be
        // stored from the scan: the mirror holds it only if the feed made it an active row, and a reconciliation then
        // confirms it alive through /offer, whose data it keeps
        return java.util.Arrays.stream(keys).mapToObj(k -> {
            PoisonKind kind = poison.ofItem(k);
            Object data;
            if (kind == PoisonKind.NO_INNER_ID) {
                GroundTruthEntry row = truth(k, upTo, null);
                if (row == null || !row.active()) {
                    return null;
                }
                data = Poison.storedData(siteState(k, upTo).data(), poison.ofOffer(k));
            } else {
                data = kind == PoisonKind.DATA_NOT_OBJECT ? poison.notObjectStored(Rng.POISON, k)
                        : Poison.storedData(siteState(k, upTo).data(), kind);
            }
            return new SiteListing(catalogue.innerId(k), SandboxJson.write(data));
        }).filter(Objects::nonNull);
    }

    /**
     * One listing's row after the events up to {@code upTo}, as a correct mirror holds it; null when it has none.
     * {@code poisoned}, when given, receives the poisoned items the mirror meets on the way.
     */
    private GroundTruthEntry truth(long key, int upTo, java.util.function.Consumer<PoisonedItem> poisoned) {
        boolean inCatalogue = key >= 0 && key < options.listings();
        PoisonKind itemKind = inCatalogue && poison != null ? poison.ofItem(key) : null;
        if (itemKind != null && poisoned != null) {
            poisoned.accept(new PoisonedItem("/offers", site.liveCatalogue() ? null : catalogue.pageOf(key), null,
                    catalogue.innerId(key), itemKind, itemKind != PoisonKind.NO_INNER_ID,
                    itemKind != PoisonKind.HUGE_TEXT));
        }
        boolean loaded = inCatalogue && itemKind != PoisonKind.NO_INNER_ID;
        boolean exists = loaded;
        Object data = null;
        int activeStatus = 0;
        String changeType = "added";
        Long lastChangeId = null;
        Instant createdAt = null;
        String source = "daily_update";
        if (loaded) {
            data = itemKind == PoisonKind.DATA_NOT_OBJECT ? poison.notObjectStored(Rng.POISON, key)
                    : itemKind == null ? baseData(key) : Poison.storedData(baseData(key), itemKind);
            createdAt = itemKind == PoisonKind.BAD_CREATED_AT ? null : catalogue.createdAt(key);
            source = "initial_load";
        }
        for (int pos : feed.positions(key)) {
            if (pos > upTo) {
                break;
            }
            if (missed(pos)) {
                continue;
            }
            byte type = feed.type(pos);
            long id = feed.idAt(pos);
            PoisonKind eventKind = poison == null ? null : poison.ofEvent(id, type == ChangeFeed.REMOVED);
            boolean leftOut = eventKind == PoisonKind.NO_INNER_ID || eventKind == PoisonKind.DATA_NOT_OBJECT;
            if (eventKind != null && poisoned != null) {
                poisoned.accept(new PoisonedItem("/changes", null, id, catalogue.innerId(key), eventKind, !leftOut,
                        eventKind != PoisonKind.HUGE_TEXT));
            }
            if (leftOut) {
                continue;
            }
            Map<String, Object> event = eventData(pos);
            if (eventKind != null && eventKind.inText()) {
                event = Poison.storedData(event, eventKind);
            }
            // a stored data that is not an object is read as an empty listing
            @SuppressWarnings("unchecked")
            LinkedHashMap<String, Object> current = data instanceof LinkedHashMap<?, ?> m
                    ? (LinkedHashMap<String, Object>) m : new LinkedHashMap<>();
            switch (type) {
                case ChangeFeed.ADDED -> {
                    data = new LinkedHashMap<>(event);
                    activeStatus = 0;
                    changeType = "added";
                }
                case ChangeFeed.CHANGED -> {
                    if (!exists) {
                        current = detailFetched(key, id, event, poisoned);
                        activeStatus = 0;
                    }
                    data = merge(current, event);
                    changeType = "changed";
                }
                default -> {
                    data = exists ? current : new LinkedHashMap<>();
                    activeStatus = 1;
                    changeType = "removed";
                }
            }
            exists = true;
            lastChangeId = id;
            if (eventKind != PoisonKind.BAD_CREATED_AT) {
                createdAt = feed.createdAt(pos);
            }
        }
        if (!exists) {
            return null;
        }
        Long apiId = loaded ? catalogue.apiId(key) : null;
        return new GroundTruthEntry(catalogue.innerId(key), apiId, activeStatus, changeType, lastChangeId, createdAt, source,
                SandboxJson.write(data));
    }

    /** The data a mirror starts from for a {@code changed} event of a listing it does not have: {@code /offer}'s. */
    private LinkedHashMap<String, Object> detailFetched(long key, long changeId, Map<String, Object> event,
            java.util.function.Consumer<PoisonedItem> poisoned) {
        Optional<SiteState> state = offerState(key);
        if (state.isEmpty()) {
            return new LinkedHashMap<>();
        }
        PoisonKind kind = poison == null ? null : poison.ofOffer(key);
        if (kind == null) {
            return state.get().data();
        }
        LinkedHashMap<String, Object> stored = Poison.storedData(state.get().data(), kind);
        if (poisoned != null) {
            boolean replaced = event != null && (event.containsKey("description") || event.containsKey("new_description"));
            poisoned.accept(new PoisonedItem("/offer", null, changeId, catalogue.innerId(key), kind, true,
                    kind != PoisonKind.HUGE_TEXT && !replaced));
        }
        return stored;
    }

    // ------------------------------------------------------------------------------------------------------
    // feed documents (bytes as served)

    long pages() {
        return catalogue.pages();
    }

    /** {@code GET /offers?page=N}. One tree, serialised in one pass (cheaper than a generator call per item). */
    byte[] offersPage(long page, MetaMode metaMode) {
        return offersPage(page, SourceOfferFilter.NONE, metaMode);
    }

    /**
     * {@code GET /offers?page=N&mark=…}: with filters, the matching listings in catalogue order, 20 a page. The
     * catalogue is scanned from the start for every filtered page (listings are not stored), so a filtered page
     * costs up to one pass over the catalogue.
     */
    byte[] offersPage(long page, SourceOfferFilter filter, MetaMode metaMode) {
        long[] keys;
        boolean more;
        int upTo = Integer.MAX_VALUE;
        if (site.liveCatalogue()) {
            upTo = liveView().end() - 1;
            if (filter.isEmpty()) {
                boolean[] next = new boolean[1];
                keys = livePageKeys(page, next);
                more = next[0];
            } else {
                int at = upTo;
                boolean[] next = new boolean[1];
                keys = filteredPage(java.util.Arrays.stream(liveView().keys()).iterator(),
                        key -> filter.matches(siteState(key, at).data()), page, next);
                more = next[0];
            }
        } else if (filter.isEmpty()) {
            keys = catalogue.keysOnPage(page);
            more = page < catalogue.pages();
        } else {
            boolean[] next = new boolean[1];
            keys = filteredPage(LongStream.range(0, options.listings()).iterator(), key -> filter.matches(baseData(key)),
                    page, next);
            more = next[0];
        }
        List<Object> result = new ArrayList<>(keys.length);
        for (long key : keys) {
            LinkedHashMap<String, Object> item = new LinkedHashMap<>(8);
            boolean fromCatalogue = key >= 0 && key < options.listings();
            item.put("id", key >= 0 ? catalogue.apiId(key) : Catalogue.GHOST_API_ID_BASE - key);
            item.put("inner_id", catalogue.innerId(key));
            item.put("change_type", "added");
            if (fromCatalogue) {
                item.put("created_at", catalogue.createdAtText(key));
            } else {
                int first = feed.positions(key)[0];
                item.put("created_at", Catalogue.formatTimestamp(feed.createdAt(first),
                        feed.hasFlag(first, ChangeFeed.FLAG_MOSCOW_TIME)));
            }
            item.put("data", site.liveCatalogue() ? siteState(key, upTo).data() : baseData(key));
            if (poison != null) {
                PoisonKind kind = poison.ofItem(key);
                if (kind != null) {
                    poison.send(item, kind, Rng.POISON, key);
                    poisonedServed.incrementAndGet();
                }
            }
            result.add(item);
        }
        LinkedHashMap<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("result", result);
        if (metaMode != MetaMode.MISSING) {
            LinkedHashMap<String, Object> meta = new LinkedHashMap<>(4);
            meta.put("page", page);
            if (metaMode == MetaMode.NOT_ADVANCING) {
                meta.put("next_page", page);
            } else if (more) {
                meta.put("next_page", page + 1);
            } else {
                switch (catalogue.lastPageStyle()) {
                    case NULL -> meta.put("next_page", null);
                    case ZERO -> meta.put("next_page", 0);
                    case ABSENT -> {
                    }
                }
            }
            meta.put("limit", Catalogue.PAGE_SIZE);
            doc.put("meta", meta);
        }
        return SandboxJson.bytes(doc);
    }

    /** The keys of a filtered page: the matching ones among {@code keys}, 20 a page; {@code more[0]}: a next page. */
    private static long[] filteredPage(java.util.PrimitiveIterator.OfLong keys, java.util.function.LongPredicate matches,
            long page, boolean[] more) {
        long skip = (page - 1) * Catalogue.PAGE_SIZE;
        List<Long> found = new ArrayList<>(Catalogue.PAGE_SIZE);
        while (keys.hasNext()) {
            long key = keys.nextLong();
            if (!matches.test(key)) {
                continue;
            }
            if (skip > 0) {
                skip--;
            } else if (found.size() < Catalogue.PAGE_SIZE) {
                found.add(key);
            } else {
                more[0] = true;
                break;
            }
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    /** {@code GET /change_id?date=}: the first id of the date, or of the next date that has events. */
    long changeIdFor(LocalDate date) {
        if (dirt.retentionDays() > 0 && date.isBefore(options.lastChangeDay().minusDays(dirt.retentionDays()))) {
            return 0; // past the feed's retention
        }
        int day = feed.dayIndexOf(date);
        if (dirt.liveToday() && (day >= feed.days() || (day < 0 ? 0 : feed.dayStart(day)) >= visibleEvents())) {
            return 0; // the day has not begun in the feed yet
        }
        if (day < 0) {
            return feed.firstId();
        }
        if (day >= feed.days()) {
            return feed.firstId() + feed.size();
        }
        return feed.firstId() + feed.dayStart(day);
    }

    /** {@code GET /changes?change_id=N}: up to 20 events with id ≥ N (with live today: those visible by now). */
    byte[] changesPage(long changeId, MetaMode metaMode) {
        int end = dirt.liveToday() ? visibleEvents() : feed.size();
        int from = (int) Math.max(0, Math.min(changeId - feed.firstId(), end));
        List<Object> result = new ArrayList<>(Catalogue.PAGE_SIZE);
        int to = from;
        for (int pos = from; pos < end && result.size() < Catalogue.PAGE_SIZE; pos++) {
            if (!missed(pos)) {
                result.add(event(pos));
                to = pos + 1;
            }
        }
        LinkedHashMap<String, Object> doc = new LinkedHashMap<>(4);
        doc.put("result", result);
        if (metaMode != MetaMode.MISSING) {
            LinkedHashMap<String, Object> meta = new LinkedHashMap<>(4);
            meta.put("cur_change_id", changeId);
            meta.put("next_change_id", !result.isEmpty() && metaMode == MetaMode.NORMAL ? feed.idAt(to - 1) + 1 : changeId);
            meta.put("limit", Catalogue.PAGE_SIZE);
            doc.put("meta", meta);
        }
        return SandboxJson.bytes(doc);
    }

    private Map<String, Object> event(int pos) {
        LinkedHashMap<String, Object> event = new LinkedHashMap<>(8);
        event.put("id", feed.idAt(pos));
        event.put("inner_id", catalogue.innerId(feed.key(pos)));
        event.put("change_type", switch (feed.type(pos)) {
            case ChangeFeed.ADDED -> "added";
            case ChangeFeed.CHANGED -> "changed";
            default -> "removed";
        });
        event.put("created_at", Catalogue.formatTimestamp(feed.createdAt(pos), feed.hasFlag(pos, ChangeFeed.FLAG_MOSCOW_TIME)));
        Map<String, Object> data = eventData(pos);
        if (data != null) {
            event.put("data", data);
        }
        if (poison != null) {
            long id = feed.idAt(pos);
            PoisonKind kind = poison.ofEvent(id, feed.type(pos) == ChangeFeed.REMOVED);
            if (kind != null) {
                poison.send(event, kind, Rng.POISON_EVENT, id);
                poisonedServed.incrementAndGet();
            }
        }
        return event;
    }

    /** With live today: the number of events whose {@code created_at} the sandbox clock has passed. */
    int visibleEvents() {
        return feed.countUpTo(options.clock().millis());
    }

    /** {@code GET /offer?inner_id=}: bare data or wrapped like {@code /offers} (chosen per listing), or empty = 404. */
    Optional<byte[]> offer(String innerId) {
        OptionalLong key = catalogue.keyOf(innerId);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        long k = key.getAsLong();
        PoisonKind kind = poison == null ? null : poison.ofOffer(k);
        return offerState(k).map(found -> {
            SiteState state = found;
            if (kind != null) {
                state = new SiteState(Poison.sendData(found.data(), kind), found.active(), found.lastPos());
                poisonedServed.incrementAndGet();
            }
            return offerBody(k, innerId, state);
        });
    }

    private byte[] offerBody(long k, String innerId, SiteState state) {
        // a removed listing that does not answer 404 says so: wrapped, with change_type "removed"
        boolean wrapped = !state.active() || Rng.unit(Rng.hash(options.seed(), Rng.OFFER, ~k)) < 0.3;
        if (!wrapped) {
            return SandboxJson.bytes(state.data());
        }
        return SandboxJson.document(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("result");
            g.writeStartObject();
            int last = state.lastPos();
            g.writeNumberField("id", last >= 0 ? feed.idAt(last) : catalogue.apiId(Math.max(k, 0)));
            g.writeStringField("inner_id", innerId);
            g.writeStringField("change_type", !state.active() ? "removed"
                    : last < 0 || feed.type(last) == ChangeFeed.ADDED ? "added" : "changed");
            g.writeStringField("created_at", last >= 0
                    ? Catalogue.formatTimestamp(feed.createdAt(last), feed.hasFlag(last, ChangeFeed.FLAG_MOSCOW_TIME))
                    : catalogue.createdAtText(k));
            g.writeFieldName("data");
            g.writeObject(state.data());
            g.writeEndObject();
            g.writeEndArray();
            g.writeObjectFieldStart("meta");
            g.writeNumberField("page", 1);
            g.writeNullField("next_page");
            g.writeNumberField("limit", 1);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** {@code GET /filters}: the values the catalogue draws from. */
    byte[] filters() {
        return filters.clone();
    }

    private byte[] buildFilters() {
        TreeMap<String, TreeSet<String>> marks = new TreeMap<>();
        for (Vocabulary.Model m : Vocabulary.MODELS) {
            marks.computeIfAbsent(m.mark(), x -> new TreeSet<>()).add(m.model());
        }
        LinkedHashMap<String, Object> mark = new LinkedHashMap<>();
        marks.forEach((name, models) -> mark.put(name, Map.of("model", List.copyOf(models))));
        LinkedHashMap<String, Object> doc = new LinkedHashMap<>();
        doc.put("mark", mark);
        doc.put("transmission_type", Vocabulary.TRANSMISSIONS);
        doc.put("color", new TreeSet<>(Vocabulary.COLORS));
        doc.put("body_type", new TreeSet<>(Vocabulary.BODY_TYPES));
        doc.put("engine_type", List.of("Бензиновый", "Бензиновый + 48V mild hybrid", "Гибридный (HEV)", "Дизельный",
                "Подключаемый гибрид (PHEV)", "Расширитель диапазона (REEV)", "Электрический (BEV)"));
        return SandboxJson.bytes(doc);
    }

    private SandboxCalendar buildCalendar(LocalDate firstDay) {
        List<SandboxCalendar.ChangeDay> days = new ArrayList<>();
        for (int d = 0; d < feed.days(); d++) {
            int added = 0;
            int changed = 0;
            int removed = 0;
            for (int pos = feed.dayStart(d); pos < feed.dayEnd(d); pos++) {
                switch (feed.type(pos)) {
                    case ChangeFeed.ADDED -> added++;
                    case ChangeFeed.CHANGED -> changed++;
                    default -> removed++;
                }
            }
            days.add(new SandboxCalendar.ChangeDay(feed.date(d), feed.idAt(feed.dayStart(d)),
                    feed.idAt(feed.dayEnd(d)) - 1, feed.dayEnd(d) - feed.dayStart(d), added, changed, removed));
        }
        return new SandboxCalendar(firstDay, days, feed.firstId() + feed.size(), options.listings(), catalogue.pages());
    }

    // test support (package-private)

    Catalogue catalogue() {
        return catalogue;
    }

    ChangeFeed feed() {
        return feed;
    }

}

package com.che168sync.sandbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Everything that defines a sandbox run. Two runs with equal options (and, when {@code endDate} is null, the
 * same "today") serve byte-identical data.
 *
 * @param host          interface to bind ({@code 127.0.0.1} by default)
 * @param port          TCP port, 0 = any free port
 * @param listings      size of the catalogue served by {@code /offers} (the state before the first change day)
 * @param days          number of change days: the {@code days} days ending on {@code endDate}
 * @param endDate       the last change day; null = today in Moscow time according to {@code clock}
 * @param seed          the seed of all data and of the fault sequence
 * @param apiKey        the key the feed accepts ({@code api_key} query parameter or {@code x-api-key} header)
 * @param changesPerDay mean number of change events per day (each day draws ±10 % around it)
 * @param clock         the clock giving "today" when {@code endDate} is null
 * @param faults        the faults injected into feed requests
 * @param site          how the site drifts away from what its change feed tells (live catalogue, missed events,
 *                      listings moving between pages)
 * @param dirt          how dirty and live the feed is (poisoned items, a retention window, today's events appearing
 *                      as the clock passes them); all off by default
 */
public record SandboxOptions(String host, int port, long listings, int days, LocalDate endDate, long seed,
                             String apiKey, int changesPerDay, Clock clock, SandboxFaults faults, SiteDrift site,
                             FeedDirt dirt) {

    /** The source's day boundaries are taken in Moscow time (SOURCE_API.md: [guess]). */
    public static final ZoneId SOURCE_ZONE = ZoneOffset.ofHours(3);
    public static final long DEFAULT_LISTINGS = 250_000;
    public static final int DEFAULT_DAYS = 3;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_API_KEY = "sandbox";
    public static final int DEFAULT_CHANGES_PER_DAY = 15_000;
    /** Upper bound of {@code listings}: keeps every generated inner_id a positive 64-bit number. */
    public static final long MAX_LISTINGS = 1_000_000_000_000L;
    public static final int MAX_DAYS = 400;
    public static final int MAX_CHANGES_PER_DAY = 1_000_000;

    public SandboxOptions {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (listings < 0 || listings > MAX_LISTINGS) {
            throw new IllegalArgumentException("listings must be between 0 and " + MAX_LISTINGS + ", got " + listings);
        }
        if (days < 0 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 0 and " + MAX_DAYS + ", got " + days);
        }
        if (changesPerDay < 0 || changesPerDay > MAX_CHANGES_PER_DAY) {
            throw new IllegalArgumentException("changes-per-day must be between 0 and " + MAX_CHANGES_PER_DAY
                    + ", got " + changesPerDay);
        }
        if (apiKey == null || apiKey.isEmpty()) {
            throw new IllegalArgumentException("the sandbox API key must not be empty");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
        faults = faults == null ? SandboxFaults.none() : faults;
        site = site == null ? SiteDrift.none() : site;
        dirt = dirt == null ? FeedDirt.none() : dirt;
        if (site.liveCatalogue() && listings > SiteDrift.MAX_LIVE_LISTINGS) {
            throw new IllegalArgumentException("a live catalogue holds at most " + SiteDrift.MAX_LIVE_LISTINGS
                    + " listings, got " + listings);
        }
    }

    /** The options without dirt (a clean feed). */
    public SandboxOptions(String host, int port, long listings, int days, LocalDate endDate, long seed, String apiKey,
                          int changesPerDay, Clock clock, SandboxFaults faults, SiteDrift site) {
        this(host, port, listings, days, endDate, seed, apiKey, changesPerDay, clock, faults, site, FeedDirt.none());
    }

    /** Defaults: 127.0.0.1, any port, 250,000 listings, 3 days ending today, seed 42, key {@code sandbox}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().host(host).port(port).listings(listings).days(days).endDate(endDate).seed(seed)
                .apiKey(apiKey).changesPerDay(changesPerDay).clock(clock).faults(faults).site(site).dirt(dirt);
    }

    /** The last change day: {@code endDate}, or today in Moscow time. */
    public LocalDate lastChangeDay() {
        return endDate != null ? endDate : LocalDate.now(clock.withZone(SOURCE_ZONE));
    }

    /** The first change day; {@code /offers} serves the catalogue as it stood before it. */
    public LocalDate firstChangeDay() {
        return lastChangeDay().minusDays(Math.max(days, 1) - 1L);
    }

    /** The options as text, the key masked. */
    @Override
    public String toString() {
        return "SandboxOptions[host=" + host + ", port=" + port + ", listings=" + listings + ", days=" + days
                + ", endDate=" + endDate + ", seed=" + seed + ", apiKey=***, changesPerDay=" + changesPerDay
                + ", faults=" + faults + ", site=" + site + ", dirt=" + dirt + "]";
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private long listings = DEFAULT_LISTINGS;
        private int days = DEFAULT_DAYS;
        private LocalDate endDate;
        private long seed = DEFAULT_SEED;
        private String apiKey = DEFAULT_API_KEY;
        private int changesPerDay = DEFAULT_CHANGES_PER_DAY;
        private Clock clock = Clock.systemUTC();
        private SandboxFaults faults = SandboxFaults.none();
        private SiteDrift site = SiteDrift.none();
        private FeedDirt dirt = FeedDirt.none();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder listings(long listings) {
            this.listings = listings;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder endDate(LocalDate endDate) {
            this.endDate = endDate;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder changesPerDay(int changesPerDay) {
            this.changesPerDay = changesPerDay;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder faults(SandboxFaults faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        public Builder site(SiteDrift site) {
            this.site = Objects.requireNonNull(site, "site");
            return this;
        }

        public Builder dirt(FeedDirt dirt) {
            this.dirt = Objects.requireNonNull(dirt, "dirt");
            return this;
        }

        public SandboxOptions build() {
            return new SandboxOptions(host, port, listings, days, endDate, seed, apiKey, changesPerDay, clock, faults,
                    site, dirt);
        }
    }
}

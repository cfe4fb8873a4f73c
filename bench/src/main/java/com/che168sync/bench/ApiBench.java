package com.che168sync.bench;

import com.che168sync.adapter.postgres.PostgresDatabase;
import com.che168sync.adapter.postgres.PostgresSettings;
import com.che168sync.adapter.postgres.api.JooqApiStatsRepository;
import com.che168sync.adapter.postgres.api.OfferSqlText;
import com.che168sync.application.api.OfferCursorCodec;
import com.che168sync.application.api.SearchOffersService;
import com.che168sync.application.port.in.api.OfferFilter;
import com.che168sync.application.port.out.api.Keyset;
import com.che168sync.application.port.out.api.OfferCriteria;
import com.che168sync.application.port.out.api.OfferSort;
import com.che168sync.bootstrap.config.DbConfig;
import com.che168sync.bootstrap.config.Settings;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import org.jooq.DSLContext;

/**
 * {@code che168 bench api}: the API measured the way the database is measured. A scratch database filled by the
 * product itself (the sandbox's listings, loaded by {@code che168 load} and normalized by {@code che168 normalize}),
 * {@code che168 serve} in its own JVM with {@code -Xmx256m}, and per scenario two runs of the same length with the
 * same connections and threads: {@code wrk} against the server, then {@code pgbench} on the SQL the server runs for
 * those requests. CPU per request of the server and the database comes from {@code /proc}.
 */
final class ApiBench {
    static final String BENCH_DB = "che168_bench_api";
    static final String START = "<!-- bench api: start -->";
    static final String END = "<!-- bench api: end -->";
    private static final int START_RUNS = 5;
    private static final long SEED = 42;
    /** The distinct-requests scenario draws price_to from [LOW, LOW + SPAN). */
    private static final long DISTINCT_LOW = 200_000;
    private static final long DISTINCT_SPAN = 600_000;
    /** Values each wrk run of it may use (10 runs at most, of fewer than 60,000 requests each). */
    private static final long DISTINCT_PER_RUN = 60_000;
    /** The server's response cache switch (scenarios that measure the database path run with it off). */
    static final String CACHE_SETTING = "API_CACHE_ENABLED";
    static final String FILTERED_PATH =
            "/offers?engine_type=electric&year_from=2015&price_to=500000&sort=-price&limit=20";

    /** What the command line chose. */
    record Options(int listings, int connections, int seconds, int runs, int warmUpSeconds, Path wrk, Path pgbench,
                   String report) {
    }

    /** What a scenario is held to (null: reported only). */
    record Bar(double minRatio, double maxP99Millis) {
        /** A bar on the p99 only (the ratio is shown, not judged). */
        static Bar p99(double maxP99Millis) {
            return new Bar(0, maxP99Millis);
        }

        @Override
        public String toString() {
            return minRatio > 0 ? String.format(Locale.ROOT, "≥ %.1f ×, p99 ≤ %.0f ms", minRatio, maxP99Millis)
                    : String.format(Locale.ROOT, "p99 ≤ %.0f ms", maxP99Millis);
        }
    }

    /** One measured request shape: what wrk sends (a Lua script) and what pgbench runs for it. */
    record Scenario(String name, String shown, IntFunction<String> wrkScript, List<Pgbench.Script> pgbench,
                    String pgbenchShown, Bar bar, boolean cache, List<String> extraHeaders) {
        Scenario(String name, String shown, String wrkScript, List<Pgbench.Script> pgbench, String pgbenchShown,
                 Bar bar, boolean cache) {
            this(name, shown, invocation -> wrkScript, pgbench, pgbenchShown, bar, cache, List.of());
        }

        Scenario(String name, String shown, IntFunction<String> wrkScript, List<Pgbench.Script> pgbench,
                 String pgbenchShown, Bar bar, boolean cache) {
            this(name, shown, wrkScript, pgbench, pgbenchShown, bar, cache, List.of());
        }
    }

    /** One run of one scenario. */
    record Run(Wrk.Result api, Pgbench.Result pg, ProcCpu.Usage apiCpu, ProcCpu.Usage pgCpu) {
        double ratio() {
            return api.perSecond() / pg.tps();
        }
    }

    private final Settings settings;
    private final PostgresDatabase main;
    private final Clock clock;
    private final PrintWriter out;
    private final Options options;
    private final int threads;
    /** wrk runs so far: the distinct scenario starts each run on new values. */
    private int invocations;

    ApiBench(Settings settings, PostgresDatabase main, Clock clock, PrintWriter out, Options options) {
        this.settings = settings;
        this.main = main;
        this.clock = clock;
        this.out = out;
        this.options = options;
        this.threads = Math.max(1, Math.min(options.connections(), Runtime.getRuntime().availableProcessors()));
    }

    /** Runs everything; true when every bar was met. */
    boolean run() throws Exception {
        Path wrkBinary = Wrk.find(options.wrk(), System.getenv("PATH"));
        Path pgbenchBinary = Pgbench.find(options.pgbench(), System.getenv("PATH"));
        Path work = Files.createTempDirectory("che168-bench-api");
        try {
            DbConfig db = settings.db();
            prepareDatabase(db);
            try (PostgresDatabase bench = PostgresDatabase.open(benchSettings(db))) {
                bench.migrate(); // a database filled by an older build gets the migrations added since
                DSLContext dsl = bench.dsl();
                String token = benchToken(dsl);
                int pgPort = dsl.resultQuery("SELECT inet_server_port()").fetchOne(0, Integer.class);
                String pgHost = db.embedded() ? "localhost" : db.host().orElseThrow();
                OptionalLong postmaster = ProcCpu.postmasterOf(
                        dsl.resultQuery("SELECT pg_backend_pid()").fetchOne(0, Long.class));
                List<Scenario> scenarios = scenarios(dsl, work);
                Wrk wrk = new Wrk(wrkBinary, work);
                Pgbench pgbench = new Pgbench(pgbenchBinary, work, pgHost, pgPort, db.user(), bench.password(),
                        BENCH_DB);

                int apiPort = freePort();
                // start time: the median of START_RUNS starts of `./che168 serve` as the operator runs it, after one
                // start that is not counted (it writes the launcher's class-data archive after a build)
                long firstMillis = startAndStop(apiPort, false)[0];
                long[] starts = new long[START_RUNS];
                double[] startCpu = new double[START_RUNS];
                for (int i = 0; i < START_RUNS; i++) {
                    long[] start = startAndStop(apiPort, false);
                    starts[i] = start[0];
                    startCpu[i] = start[1];
                }
                long startMillis = (long) median(Arrays.stream(starts).asDoubleStream().toArray());
                long startCpuMillis = (long) median(startCpu);
                print("Server start: median %d ms of %s (first start after a build: %d ms); CPU to listening: median "
                        + "%d ms", startMillis, Arrays.toString(starts), firstMillis, startCpuMillis);
                String baseUrl = "http://127.0.0.1:" + apiPort;
                List<String> headers = List.of("X-API-Key: " + token);
                Map<Scenario, List<Run>> runs = new LinkedHashMap<>();
                double loadBefore = loadAverage();
                if ("on".equals(autogroups())) {
                    print("Warning: the kernel's scheduler autogroups are on (kernel.sched_autogroup_enabled = 1):"
                            + " PostgreSQL, started in a session of its own, then gets at most half of the CPU"
                            + " against wrk and the server, which both sides of a pair do not meet alike and which"
                            + " inflates the API's p99; as root: sysctl -w kernel.sched_autogroup_enabled=0");
                }
                LocalDateTime started = LocalDateTime.now(clock);
                // first everything with the response cache off (the database path), then with it on
                for (boolean cache : new boolean[] {false, true}) {
                    Process server = startServer(apiPort, cache);
                    try {
                        awaitReady(server, System.nanoTime());
                        prime(baseUrl, token);
                        long serverPid = javaPid(server);
                        List<Scenario> group = new ArrayList<>();
                        for (Scenario s : scenarios) {
                            if (s.cache() == cache) {
                                group.add(s);
                            }
                        }
                        if (cache) {
                            revalidation(baseUrl, token, scenarios).ifPresent(group::add);
                        }
                        for (Scenario s : group) {
                            runs.put(s, new ArrayList<>());
                            print("Warm-up %s (%d s)", s.name(), options.warmUpSeconds());
                            if (options.warmUpSeconds() > 0) {
                                wrk.run(s.wrkScript().apply(invocations++), baseUrl, headers, options.connections(),
                                        threads, options.warmUpSeconds());
                            }
                        }
                        for (int r = 1; r <= options.runs(); r++) {
                            for (Scenario s : group) {
                                Run run = measure(s, wrk, pgbench, baseUrl, headers, serverPid,
                                        postmaster.orElse(-1));
                                runs.get(s).add(run);
                                print("run %d %-30s API %,8.0f req/s p50 %6.2f p99 %6.2f max %7.1f ms (%d errors) | "
                                        + "pgbench %,8.0f TPS p99 %6.2f ms | ratio %.2f | others %.0f %%", r, s.name(),
                                        run.api().perSecond(), run.api().p50Millis(), run.api().p99Millis(),
                                        run.api().maxMillis(), run.api().errors(), run.pg().tps(),
                                        run.pg().p99Millis(), run.ratio(), 100 * othersShare(run.apiCpu()));
                            }
                        }
                    } finally {
                        stop(server);
                    }
                }
                scenarios = new ArrayList<>(runs.keySet());
                double loadAfter = loadAverage();
                String section = section(started, scenarios, runs, startMillis, starts, startCpuMillis,
                        firstMillis, loadBefore, loadAfter, bench.description());
                out.println();
                out.println(section);
                if (!"-".equals(options.report())) {
                    writeSection(Path.of(options.report()), section);
                    out.println("Written to " + options.report());
                }
                out.flush();
                boolean pass = startMillis < 1000;
                for (Scenario s : scenarios) {
                    pass &= met(s, runs.get(s));
                }
                return pass;
            }
        } finally {
            deleteTree(work);
        }
    }

    private Run measure(Scenario s, Wrk wrk, Pgbench pgbench, String baseUrl, List<String> headers, long serverPid,
                        long postmasterPid) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(headers);
        all.addAll(s.extraHeaders());
        ProcCpu.Reading a0 = ProcCpu.read(serverPid, postmasterPid);
        Wrk.Result api = wrk.run(s.wrkScript().apply(invocations++), baseUrl, all, options.connections(), threads,
                options.seconds());
        ProcCpu.Reading a1 = ProcCpu.read(serverPid, postmasterPid);
        Pgbench.Result pg = pgbench.run(s.pgbench(), options.connections(), threads, options.seconds());
        // pgbench's backends end with it; their CPU reaches the postmaster's children times only once it has
        // collected them, a moment later (read at once, a run showed a third of the database's CPU)
        Thread.sleep(1_000);
        ProcCpu.Reading p1 = ProcCpu.read(serverPid, postmasterPid);
        return new Run(api, pg, a1.since(a0), p1.since(a1));
    }

    /**
     * One /filters answer: the server computes the filter values (the catalogue every search resolves its labels
     * with) once per data version after its port opens; at 250k listings that takes seconds, which belong to neither
     * the start nor any scenario.
     */
    private void prime(String baseUrl, String token) throws IOException, InterruptedException {
        java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/filters"))
                        .timeout(java.time.Duration.ofMinutes(2)).header("X-API-Key", token).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET /filters answered " + answer.statusCode() + " to the bench's token");
        }
    }

    /**
     * 304 revalidations of the filtered first page ({@code If-None-Match} with its current ETag) against pgbench of
     * its page SQL; empty when the server sends no ETag.
     */
    private java.util.Optional<Scenario> revalidation(String baseUrl, String token, List<Scenario> scenarios)
            throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<Void> answer = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(baseUrl + FILTERED_PATH)).header("X-API-Key", token).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        java.util.Optional<String> etag = answer.headers().firstValue("ETag");
        if (etag.isEmpty()) {
            print("The server sends no ETag: no 304 scenario.");
            return java.util.Optional.empty();
        }
        Scenario filtered = scenarios.get(0);
        return java.util.Optional.of(new Scenario("304 revalidation (filtered page)", FILTERED_PATH
                + "` with `If-None-Match", invocation -> Wrk.fixed(FILTERED_PATH), filtered.pgbench(), "page SQL of the filtered "
                + "first page", new Bar(3, 20), true, List.of("If-None-Match: " + etag.get())));
    }

    // ---- the database: the sandbox's listings, loaded and normalized by the product -------------------------------

    private PostgresSettings benchSettings(DbConfig db) {
        return db.embedded()
                ? PostgresSettings.embedded(db.embeddedDataDir(), BENCH_DB, 4)
                : PostgresSettings.external(db.host().orElseThrow(), db.port(), db.user(), db.password(), BENCH_DB, 4);
    }

    /** The database comment that marks a completed preparation (so a second bench run reuses the data). */
    private String marker() {
        return "bench api: " + options.listings() + " sandbox listings (seed " + SEED + "), loaded and normalized";
    }

    private void prepareDatabase(DbConfig db) throws Exception {
        DSLContext dsl = main.dsl();
        String comment = dsl.resultQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                + "WHERE datname = ?", BENCH_DB).fetchOptional(0, String.class).orElse(null);
        if (marker().equals(comment)) {
            print("Scratch database %s holds the %,d listings already.", BENCH_DB, options.listings());
            return;
        }
        dsl.execute("DROP DATABASE IF EXISTS " + BENCH_DB + " WITH (FORCE)");
        dsl.execute("CREATE DATABASE " + BENCH_DB);
        try (PostgresDatabase bench = PostgresDatabase.open(benchSettings(db))) {
            bench.migrate();
        }
        LocalDate today = LocalDate.now(clock.withZone(SandboxOptions.SOURCE_ZONE));
        try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.builder().port(0)
                .listings(options.listings()).days(1).endDate(today).seed(SEED).changesPerDay(10).build())) {
            long t0 = System.nanoTime();
            child(sandbox.baseUrl(), "load");
            long t1 = System.nanoTime();
            child(sandbox.baseUrl(), "normalize");
            print("Loaded from the sandbox in %.0f s and normalized in %.0f s.", (t1 - t0) / 1e9,
                    (System.nanoTime() - t1) / 1e9);
        }
        try (PostgresDatabase bench = PostgresDatabase.open(benchSettings(db))) {
            bench.dsl().execute("VACUUM ANALYZE");
            long rows = bench.dsl().resultQuery("SELECT count(*) FROM processed_data").fetchOne(0, Long.class);
            if (rows < options.listings() * 9L / 10) {
                throw new IllegalStateException("the load and normalization left " + rows + " listings of "
                        + options.listings() + "; see the log in " + settings.logging().dir());
            }
        }
        dsl.execute("COMMENT ON DATABASE " + BENCH_DB + " IS '" + marker() + "'");
    }

    /** {@code che168 <args>} against the scratch database and the sandbox; fails unless it exits with 0. */
    private void child(String sandboxUrl, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(productCommand(args)).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        productEnvironment(env);
        env.put("CHE168_BASE_URL", sandboxUrl);
        env.put("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY);
        env.put("LOAD_ESTIMATED_TOTAL", Integer.toString(options.listings()));
        print("Running che168 %s …", String.join(" ", args));
        Process p = pb.start();
        List<String> tail = Collections.synchronizedList(new ArrayList<>());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                tail.add(line);
                if (tail.size() > 20) {
                    tail.remove(0);
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0) {
            throw new IllegalStateException("che168 " + String.join(" ", args) + " exited with " + exit + ": "
                    + String.join(" | ", tail));
        }
    }

    private static String benchToken(DSLContext dsl) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        dsl.execute("DELETE FROM api_tokens WHERE description = 'bench api'");
        dsl.execute("INSERT INTO api_tokens (token, description) VALUES (?, 'bench api')", b.toString());
        return b.toString();
    }

    // ---- the scenarios ---------------------------------------------------------------------------------------------

    private List<Scenario> scenarios(DSLContext dsl, Path work) throws IOException {
        OfferCursorCodec codec = OfferCursorCodec.fromSecret(settings.secretKey().orElse(null));
        Bar repeated = new Bar(0.7, 20);
        List<Scenario> list = new ArrayList<>();

        OfferCriteria filtered = electricSince2015(500_000L);
        list.add(single("filtered first page", FILTERED_PATH,
                OfferSqlText.page(filtered, OfferSort.PRICE_DESC, null, 0, 21), repeated));

        OfferCriteria bmw = new OfferCriteria(List.of("BMW"), null, null, null, null, null, null, null, null, null,
                null, null, null, null, "dealer", null);
        list.add(single("mark + seller first page", "/offers?mark=bmw&seller=dealer&sort=price&limit=20",
                OfferSqlText.page(bmw, OfferSort.PRICE, null, 0, 21), repeated));

        long withPrice = dsl.resultQuery("SELECT count(*) FROM processed_data WHERE is_active AND price IS NOT NULL")
                .fetchOne(0, Long.class);
        int deepRow = (int) Math.max(0, Math.min(199_999, withPrice - 100));
        var last = dsl.fetchOne("SELECT price, id FROM processed_data WHERE is_active AND price IS NOT NULL "
                + "ORDER BY price, id OFFSET ? LIMIT 1", deepRow);
        Keyset keyset = new Keyset(last.get(0, Long.class), last.get(1, Long.class));
        int page = deepRow / 20 + 2;
        String cursor = codec.encode(OfferSort.PRICE, OfferFilter.NONE, keyset, page);
        list.add(new Scenario(String.format(Locale.ROOT, "deep cursor page (%,d)", page),
                "/offers?sort=price&limit=20&cursor=…", Wrk.fixed("/offers?sort=price&limit=20&cursor=" + cursor),
                List.of(new Pgbench.Script(OfferSqlText.page(OfferCriteria.ALL, OfferSort.PRICE, keyset, 0, 21)
                        .script(), 1)),
                "page SQL", repeated, false));

        // pgbench sets its variables to numbers: a listing whose id is a plain number
        String innerId = dsl.resultQuery("SELECT inner_id FROM processed_data WHERE is_active AND inner_id ~ "
                + "'^[1-9][0-9]{0,17}$' ORDER BY id OFFSET (SELECT count(*) / 2 FROM processed_data WHERE is_active "
                + "AND inner_id ~ '^[1-9][0-9]{0,17}$') LIMIT 1").fetchOne(0, String.class);
        // the speed bars judge the page SQL: a detail's SQL costs the database ~30 us, so its ratio measures the
        // HTTP layer (wrk, Helidon and the driver on the same 2 cores: GET /health, no database at all, runs at about
        // the detail's rate here, 15,000-19,000 req/s)
        list.add(single("listing detail", "/offers/" + innerId, OfferSqlText.offer(innerId), Bar.p99(20)));

        list.add(new Scenario("/filters", "/filters", Wrk.fixed("/filters"), List.of(new Pgbench.Script(
                String.join(";\n", new JooqApiStatsRepository(dsl).filterValuesSql()) + ";\n", 1)),
                "the queries that compute the values (the server runs them once per data version)", null, false));

        java.util.concurrent.atomic.AtomicInteger distinctRuns = new java.util.concurrent.atomic.AtomicInteger();
        // distinct: every request a new price_to, so no cache can answer it; pgbench does all the database does
        // the server binds price_to: the same statements with the same parameters, price_to drawn at random
        OfferCriteria distinct = electricSince2015(DISTINCT_LOW);
        OfferSqlText.Statement distinctPage = OfferSqlText.page(distinct, OfferSort.PRICE_DESC, null, 0, 21);
        OfferSqlText.Statement distinctCount = OfferSqlText.count(distinct, SearchOffersService.EXACT_COUNT_CAP + 1);
        // the count binds every range (year_from too), the page only price_to: the count's values cover the page's
        String distinctSql = "\\set price_to random(" + DISTINCT_LOW + ", " + (DISTINCT_LOW + DISTINCT_SPAN - 1)
                + ")\n" + distinctCount.sets("price_to") + distinctPage.sql() + ";\n"
                + distinctCount.sql() + " \\gset\n"
                + "\\if :count > " + SearchOffersService.EXACT_COUNT_CAP + "\n"
                + OfferSqlText.estimate(distinct).sql() + ";\n\\endif\n";
        list.add(new Scenario("distinct filtered first pages",
                "/offers?engine_type=electric&year_from=2015&price_to=<new value>&sort=-price&limit=20",
                invocation -> Wrk.distinct("/offers?engine_type=electric&year_from=2015&price_to=",
                        "&sort=-price&limit=20", DISTINCT_LOW, DISTINCT_SPAN,
                        distinctRuns.getAndIncrement() * DISTINCT_PER_RUN, threads),
                List.of(new Pgbench.Script(distinctSql, 1)),
                "page SQL + count up to " + (SearchOffersService.EXACT_COUNT_CAP + 1)
                        + " + the planner's estimate when the count reaches it", new Bar(0.8, 20), false));

        List<ApiMix.Item> mix = ApiMix.build(dsl, SEED, 120, 300);
        Path mixFile = work.resolve("mix.tsv");
        ApiMix.write(mix, mixFile);
        String detailSql = OfferSqlText.offer("0").sql();
        long searches = mix.stream().filter(i -> !i.detail()).count();
        list.add(new Scenario("realistic mix", String.format(Locale.ROOT, "%d searches + %d listings, Zipf weights",
                searches, mix.size() - searches), Wrk.weighted(mixFile, SEED),
                ApiMix.pgbenchScripts(mix, detailSql), "page SQL of each search, detail SQL, same weights",
                new Bar(2, 10), true));
        return list;
    }

    private static OfferCriteria electricSince2015(long priceTo) {
        return new OfferCriteria(null, null, 2015, null, null, priceTo, null, null, "electric", null, null, null,
                null, null, null, null);
    }

    private static Scenario single(String name, String path, OfferSqlText.Statement sql, Bar bar) {
        return new Scenario(name, path, Wrk.fixed(path), List.of(new Pgbench.Script(sql.script(), 1)),
                path.startsWith("/offers/") ? "detail SQL" : "page SQL", bar, false);
    }

    // ---- the server ------------------------------------------------------------------------------------------------

    /** Milliseconds from launch to listening, and the server JVM's CPU milliseconds by then. */
    private long[] startAndStop(int port, boolean cache) throws Exception {
        long spawned = System.nanoTime();
        Process server = startServer(port, cache);
        try {
            long millis = awaitReady(server, spawned);
            return new long[] {millis, ProcCpu.cpuMillis(javaPid(server))};
        } finally {
            stop(server);
        }
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code ./che168 <args>} with {@code -Xmx256m}: through the launcher at the repository root when this runs
     * from a packaged jar (what an operator starts, class-data sharing included), on this JVM's JDK; from a classes
     * directory (tests), {@code java -cp … Main}.
     */
    private List<String> productCommand(String... args) throws URISyntaxException {
        Path jar = Path.of(ApiBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = jar.toAbsolutePath().getParent().resolve("../../che168").normalize();
        List<String> command = new ArrayList<>();
        if (!Files.isDirectory(jar) && Files.isExecutable(launcher)) {
            command.add(launcher.toString());
        } else {
            command.addAll(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    "com.che168sync.bootstrap.Main"));
        }
        settings.configFile().ifPresent(f -> command.addAll(List.of("--config", f.toString())));
        command.addAll(List.of(args));
        return command;
    }

    private void productEnvironment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CHE168_JAVA_OPTS", "-Xmx256m");
        env.put("DB_NAME", BENCH_DB);
        env.put("DATA_DIR", settings.dataDir().toString());
        env.put("LOG_DIR", settings.logging().dir().toString());
    }

    private Process startServer(int port, boolean cache) throws IOException, URISyntaxException {
        ProcessBuilder pb = new ProcessBuilder(productCommand("serve")).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        productEnvironment(env);
        env.put("API_HOST", "127.0.0.1");
        env.put("API_PORT", Integer.toString(port));
        // the bench measures the server, not the limiter (which still runs on every request)
        env.put("API_RATE_LIMIT_RATE", "1000000");
        env.put("API_RATE_LIMIT_BURST", "1000000");
        env.put(CACHE_SETTING, Boolean.toString(cache));
        return pb.start();
    }

    private long awaitReady(Process server, long spawned) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        CountDownLatch ready = new CountDownLatch(1);
        AtomicLong readyAt = new AtomicLong();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread pump = new Thread(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (output.size() < 50) {
                        output.add(line);
                    }
                    if (line.startsWith("API ready")) {
                        readyAt.set(System.nanoTime());
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the server went away
            }
        }, "bench-server-output");
        pump.setDaemon(true);
        pump.start();
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the API server did not become ready within 60 s; its output: "
                    + String.join(" | ", output));
        }
        return TimeUnit.NANOSECONDS.toMillis(readyAt.get() - spawned);
    }

    /** The JVM of the server: the process itself, or the java child of the launcher. */
    private static long javaPid(Process server) {
        return server.descendants().filter(h -> h.info().command().map(c -> c.endsWith("java")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(server.pid());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---- the report ------------------------------------------------------------------------------------------------

    private static double othersShare(ProcCpu.Usage u) {
        return u.machineTotal() > 0 ? u.others() / u.machineTotal() : Double.NaN;
    }

    private static boolean met(Scenario s, List<Run> runs) {
        if (s.bar() == null) {
            return true;
        }
        return medianOf(runs, Run::ratio) >= s.bar().minRatio()
                && medianOf(runs, r -> r.api().p99Millis()) <= s.bar().maxP99Millis()
                && runs.stream().allMatch(r -> r.api().errors() == 0);
    }

    private String section(LocalDateTime started, List<Scenario> scenarios, Map<Scenario, List<Run>> runs,
                           long startMillis, long[] starts, long startCpuMillis, long firstMillis, double loadBefore,
                           double loadAfter,
                           String database) {
        StringBuilder b = new StringBuilder();
        b.append(START).append('\n');
        b.append("## API (`./che168 bench api`)\n\n");
        int cores = Runtime.getRuntime().availableProcessors();
        double others = runs.values().stream().flatMap(List::stream).mapToDouble(r -> othersShare(r.apiCpu()))
                .filter(d -> !Double.isNaN(d)).sorted().skip(0).average().orElse(Double.NaN);
        b.append(String.format(Locale.ROOT, "Run %s: %,d listings from the sandbox, loaded and normalized by the "
                + "product (%s); `che168 serve` in its own JVM with `-Xmx256m` (rate limit raised so the limiter runs "
                + "but never refuses). Per scenario and run: `wrk` with %d connections on %d threads for %d s, then "
                + "`pgbench` (`-M prepared`) with the same clients, threads and duration on the SQL the server runs "
                + "for those requests; %d runs, medians (max: the largest of the runs); each scenario warmed up for "
                + "%d s first. CPU per request from `/proc`: the server's JVM, and the whole PostgreSQL server "
                + "(backends included) during the `wrk` run and during the `pgbench` run. Machine: %d cores, load "
                + "average %.1f before and %.1f after; other processes used %.0f %% of the machine during the `wrk` "
                + "runs (mean); the scheduler's autogroups %s. Bars: [speed bars](rules.md#speed-bars).%n%n", started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
                options.listings(), database, options.connections(), threads, options.seconds(), options.runs(),
                options.warmUpSeconds(), cores, loadBefore, loadAfter, 100 * others, autogroups()));
        b.append("| scenario | API req/s | p50 ms | p99 ms | max ms | pgbench TPS | pgbench p99 ms | API / pgbench "
                + "| bar | met | server CPU µs/req | DB CPU µs/req | DB CPU µs/tx (pgbench) |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|\n");
        for (Scenario s : scenarios) {
            List<Run> rs = runs.get(s);
            double max = rs.stream().mapToDouble(r -> r.api().maxMillis()).max().orElse(0);
            b.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %.2f | %.1f | %,.0f | %.2f | **%.2f** | %s | %s "
                            + "| %s | %s | %s |%n", s.name(), medianOf(rs, r -> r.api().perSecond()),
                    medianOf(rs, r -> r.api().p50Millis()), medianOf(rs, r -> r.api().p99Millis()), max,
                    medianOf(rs, r -> r.pg().tps()), medianOf(rs, r -> r.pg().p99Millis()), medianOf(rs, Run::ratio),
                    s.bar() == null ? "—" : s.bar(), s.bar() == null ? "—" : met(s, rs) ? "yes" : "**no**",
                    micros(medianOf(rs, r -> r.apiCpu().server() / r.api().requests())),
                    micros(medianOf(rs, r -> r.apiCpu().database() / r.api().requests())),
                    micros(medianOf(rs, r -> r.pgCpu().database() / r.pg().transactions()))));
        }
        b.append(String.format(Locale.ROOT, "%nRuns (API req/s / pgbench TPS):%n%n"));
        for (Scenario s : scenarios) {
            b.append("- ").append(s.name()).append(": ");
            List<String> each = new ArrayList<>();
            for (Run r : runs.get(s)) {
                each.add(String.format(Locale.ROOT, "%,.0f / %,.0f", r.api().perSecond(), r.pg().tps()));
            }
            b.append(String.join(", ", each)).append('\n');
        }
        long[] sorted = starts.clone();
        Arrays.sort(sorted);
        b.append(String.format(Locale.ROOT, "%nServer start (launch of `./che168 serve` → listening: launcher, JVM "
                + "start, settings, database attached and its schema version checked, Helidon bound): median %,d ms "
                + "of %d starts (%,d–%,d ms), bar < 1 s: %s; CPU time of the server's JVM by then (steadier on a "
                + "shared machine): median %,d ms. The first start after a build, not counted, took %,d ms (the "
                + "launcher's class-data archive is written when it stops).%n%nRequests (wrk) and SQL (pgbench):%n%n",
                startMillis, starts.length, sorted[0], sorted[sorted.length - 1],
                startMillis < 1000 ? "met" : "**not met**", startCpuMillis, firstMillis));
        for (Scenario s : scenarios) {
            b.append("- ").append(s.name()).append(": `GET ").append(s.shown()).append("`; pgbench: ")
                    .append(s.pgbenchShown()).append('\n');
        }
        b.append(END).append('\n');
        return b.toString();
    }

    private static String micros(double seconds) {
        return Double.isNaN(seconds) || Double.isInfinite(seconds) ? "n/a" : String.format(Locale.ROOT, "%,.0f", seconds * 1e6);
    }

    private static double medianOf(List<Run> runs, ToDoubleFunction<Run> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Whether Linux groups the CPU time by session ({@code kernel.sched_autogroup_enabled}): "on", "off", or
     * "unknown" (not Linux, or not readable).
     */
    static String autogroups() {
        try {
            String v = Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).trim();
            return "1".equals(v) ? "on" : "0".equals(v) ? "off" : "unknown";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void writeSection(Path file, String section) {
        try {
            String text = Files.exists(file) ? Files.readString(file) : "# Performance\n\nMeasured with "
                    + "`./che168 bench …`. Each section is rewritten by its bench.\n\n";
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start >= 0 && end > start) {
                text = text.substring(0, start) + section + text.substring(end + END.length() + 1);
            } else {
                text = text + (text.endsWith("\n\n") ? "" : "\n") + section;
            }
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void print(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

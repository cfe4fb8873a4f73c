package com.che168sync.bootstrap.cli;

import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.port.in.normalize.NormalizeListingsCommand;
import com.che168sync.application.port.in.normalize.NormalizeResult;
import com.che168sync.application.port.out.tokens.ApiToken;
import com.che168sync.application.port.in.tokens.CreateTokensCommand;
import com.che168sync.application.port.in.tokens.InitialTokens;
import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.demo.DemoSettings;
import com.che168sync.bootstrap.demo.DemoState;
import com.che168sync.bootstrap.demo.StopSignal;
import com.che168sync.bootstrap.wiring.AppComponent;
import com.che168sync.bootstrap.wiring.DaggerAppComponent;
import com.che168sync.bootstrap.wiring.SchemaPolicy;
import com.che168sync.bootstrap.wiring.Lifecycle;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.che168sync.adapter.http.ApiServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code che168 demo} (docs/rules.md#demo): the whole product on this machine with nothing but a JDK. Starts the sandbox (the
 * fake source) and the embedded PostgreSQL, then init, load, two change days, normalize, and serves the API until
 * Ctrl-C or SIGTERM; prints a token and curl lines to try. Everything is kept under {@code DATA_DIR}: a second run
 * with the same options reuses the data and resumes where the last one stopped.
 */
@Command(name = "demo", sortOptions = false,
        description = {
                "Runs the whole product on this machine with nothing but a JDK: an embedded PostgreSQL (data under "
                        + "DATA_DIR, database " + DemoSettings.DATABASE + ") and the sandbox source on a free port.",
                "Steps: init, load the sandbox's catalogue, apply its two change days, normalize, then serve the API "
                        + "(on 127.0.0.1 only) and print a token and ready-to-paste curl lines. Ctrl-C stops "
                        + "everything cleanly.",
                "A second run reuses the data and resumes instead of starting over. About a minute by default."},
        footer = {"", "Never touches the database of DB_HOST: the demo always uses the embedded PostgreSQL."})
public final class DemoCommand extends AppCommand {
    static final long DEFAULT_LISTINGS = 20_000;
    static final long DEFAULT_SEED = SandboxOptions.DEFAULT_SEED;
    /** Change days the sandbox simulates after its catalogue. */
    static final int DAYS = 2;

    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    private volatile boolean interrupted;

    @Option(names = "--listings", paramLabel = "N", defaultValue = "" + DEFAULT_LISTINGS,
            description = "Listings in the sandbox's catalogue (1..1000000, default ${DEFAULT-VALUE}; 250000 = the "
                    + "real size, several minutes).")
    private long listings;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + DEFAULT_SEED,
            description = "Seed of the sandbox's data (default ${DEFAULT-VALUE}); another seed, other listings.")
    private long seed;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Port of the API (default: API_PORT, 8080; 0 = any free port).")
    private Integer port;

    @Override
    public Integer call() throws Exception {
        if (listings < 1 || listings > 1_000_000) {
            throw new RefusedException("--listings must be between 1 and 1000000, got " + listings);
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new RefusedException("--port must be between 0 and 65535, got " + port);
        }
        Settings base = settings();
        String database = databaseName(listings, seed);
        Path stateDir = base.dataDir().resolve("demo").resolve(database);
        Optional<DemoState> saved = DemoState.read(stateDir);
        DemoState state = saved.orElseGet(() -> new DemoState(listings, seed,
                LocalDate.now(Clock.systemUTC()).minusDays(1), false));
        state.write(stateDir);

        SandboxOptions sandboxOptions = SandboxOptions.builder().listings(state.listings()).seed(state.seed())
                .days(DAYS).endDate(state.lastChangeDay()).changesPerDay(changesPerDay(state.listings()))
                .apiKey(randomKey()).build();
        // closed by Main at the end of the run, or by its shutdown hook on Ctrl-C before the API is up: the load
        // resumes from its checkpoint next time. Closed in reverse order: the flag, the database, the sandbox.
        Lifecycle lifecycle = app().lifecycle();
        SandboxServer sandbox = lifecycle.register(SandboxServer.start(sandboxOptions));
        int apiPort = freeOr(DemoSettings.HOST, port != null ? port : base.api().port());
        Settings demo = DemoSettings.derive(base, URI.create(sandbox.baseUrl()), sandboxOptions.apiKey(),
                state.listings(), apiPort, database);
        AppComponent demoApp = DaggerAppComponent.factory().create(demo, SchemaPolicy.MIGRATE);
        lifecycle.register(demoApp.lifecycle());
        lifecycle.register(() -> interrupted = true);
        try {
            return run(demoApp, demo, sandbox, state, stateDir, saved.isPresent());
        } catch (RuntimeException e) {
            if (interrupted) {
                err().println("Demo interrupted; the next ./che168 demo resumes where it stopped.");
                return ExitCode.ERRORS;
            }
            throw e;
        }
    }

    private int run(AppComponent app, Settings demo, SandboxServer sandbox, DemoState state, Path stateDir,
                    boolean resuming) throws InterruptedException {
        LocalDate firstDay = sandbox.calendar().firstChangeDay();
        say("che168-sync demo" + (resuming ? ": resuming with the data of an earlier run" : ""));
        say("  data:    " + demo.dataDir() + " (embedded PostgreSQL, database " + demo.db().name() + ")");
        say("  source:  sandbox on " + sandbox.baseUrl() + " (" + String.format("%,d", state.listings())
                + " listings, " + sandbox.sandbox().options().changesPerDay() + " changes a day, seed " + state.seed()
                + ", change days " + firstDay + " to " + state.lastChangeDay() + ")");

        Instant t = Instant.now();
        String token = demoToken(app);
        say("[1/5] init: schema up to date, demo token ready" + took(t));

        t = Instant.now();
        IngestResult loaded = app.loadCatalogue().load(LoadCatalogueCommand.resume());
        if (loaded instanceof IngestResult.Refused refused) {
            throw new RefusedException("load refused: " + refused.reason());
        }
        say("[2/5] load: " + outcome(loaded) + took(t));

        t = Instant.now();
        UpdateChangesCommand update = state.changesApplied() ? UpdateChangesCommand.daily()
                : new UpdateChangesCommand(null, null, firstDay);
        IngestResult updated = app.updateChanges().update(update);
        if (updated instanceof IngestResult.Refused refused) {
            throw new RefusedException("update refused: " + refused.reason());
        }
        if (updated instanceof IngestResult.Completed && !state.changesApplied()) {
            state.withChangesApplied().write(stateDir);
        }
        say("[3/5] update: " + outcome(updated) + took(t));

        t = Instant.now();
        NormalizeResult normalized = app.normalize().normalize(new NormalizeListingsCommand(demo.normalize().batchSize(),
                demo.normalize().maxAttempts(), false, false));
        if (normalized instanceof NormalizeResult.Refused refused) {
            throw new RefusedException("normalize refused: " + refused.reason());
        }
        say("[4/5] normalize: " + outcome(normalized) + took(t));

        t = Instant.now();
        ApiServer server = ApiServer.start(app.apiServerConfig(), app.apiUseCases());
        try (StopSignal stop = StopSignal.install()) {
            String base = "http://" + DemoSettings.HOST + ":" + server.port();
            say("[5/5] serve: the API is listening" + took(t));
            say("");
            say("  API:     " + base);
            say("  Token:   " + token);
            say("");
            say("Try (the token goes in the Authorization header; X-API-Key works too):");
            examples(app, base, token);
            say("");
            say("Press Ctrl-C to stop. The data stays in " + demo.dataDir() + "; the next ./che168 demo resumes.");
            String signal = stop.await();
            say("Stopping (" + signal + ")...");
        } finally {
            server.close();
            try {
                app.apiAuthenticator().flushLastUsed();
            } catch (RuntimeException e) {
                LOG.warn("Could not write api_tokens.last_used_at: {}", e.getMessage());
            }
        }
        say("Demo stopped.");
        return ExitCode.OK;
    }

    /** The configured port when it is free, else any free port (a demo should not fail on a busy 8080). */
    private int freeOr(String host, int wanted) {
        if (wanted == 0) {
            return 0;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, wanted));
            return wanted;
        } catch (IOException busy) {
            say("Port " + wanted + " is in use: the API takes a free port instead.");
            return 0;
        }
    }

    private void examples(AppComponent app, String base, String token) {
        String auth = "curl -s -H \"Authorization: Bearer " + token + "\" ";
        Record2<String, String> sample = app.dsl().select(DSL.field("inner_id", String.class),
                        DSL.field("mark", String.class))
                .from(DSL.table("processed_data"))
                .where(DSL.condition("is_active AND mark IS NOT NULL AND price IS NOT NULL"))
                .orderBy(DSL.field("id"))
                .limit(1)
                .fetchOne();
        String mark = sample == null ? "Audi" : sample.value2();
        String id = sample == null ? "1" : sample.value1();
        say("  # a filtered list: " + mark + ", cheapest first, 5 per page");
        say("  " + auth + "\"" + base + "/offers?mark=" + URLEncoder.encode(mark, StandardCharsets.UTF_8)
                + "&sort=price&limit=5\"");
        say("  # one listing");
        say("  " + auth + "\"" + base + "/offers/" + id + "\"");
        say("  # the values the filters accept");
        say("  " + auth + "\"" + base + "/filters\"");
        say("  # statistics of the data and of recent operations");
        say("  " + auth + "\"" + base + "/stats\"");
        say("  # no token needed");
        say("  curl -s \"" + base + "/health\"");
    }

    /** The demo's own token (description {@value #TOKEN_DESCRIPTION}): reused by the next run. */
    private static String demoToken(AppComponent app) {
        InitialTokens initial = app.tokens().createInitialIfNone();
        if (initial instanceof InitialTokens.Created created) {
            LOG.info("Created the {} initial API tokens of the demo database (DB_NAME={} ./che168 tokens list "
                    + "--show-tokens)", created.tokens().size(), app.settings().db().name());
        }
        Instant now = Instant.now();
        return app.tokens().list().stream()
                .filter(t -> TOKEN_DESCRIPTION.equals(t.description()) && t.status(now) == ApiToken.Status.ACTIVE)
                .map(ApiToken::token)
                .findFirst()
                .orElseGet(() -> app.tokens().create(new CreateTokensCommand(1, TOKEN_DESCRIPTION, null)).get(0)
                        .token());
    }

    static final String TOKEN_DESCRIPTION = "che168 demo";

    /** The default run uses {@value DemoSettings#DATABASE}; another size or seed gets a database of its own. */
    static String databaseName(long listings, long seed) {
        return listings == DEFAULT_LISTINGS && seed == DEFAULT_SEED ? DemoSettings.DATABASE
                : DemoSettings.DATABASE + "_" + listings + "_" + seed;
    }

    /** The sandbox's API key for this run (the demo's source is local; the key only keeps the feed honest). */
    private static String randomKey() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The real feed has ~15,000 changes a day for 250,000 listings: the same ratio, at least 20. */
    static int changesPerDay(long listings) {
        return (int) Math.max(20, Math.min(SandboxOptions.MAX_CHANGES_PER_DAY, listings * 15_000 / 250_000));
    }

    private static String outcome(IngestResult result) {
        return switch (result) {
            case IngestResult.Completed c -> c.stats().summary();
            case IngestResult.CompletedWithErrors e -> "finished with errors: " + e.stats().summary() + "; "
                    + String.join("; ", e.errors());
            case IngestResult.Refused r -> "refused: " + r.reason();
        };
    }

    private static String outcome(NormalizeResult result) {
        return switch (result) {
            case NormalizeResult.Completed c -> c.counts().processed() + " of " + c.counts().queued()
                    + " queued listings normalized, " + c.counts().failed() + " failed"
                    + (c.abortedBecause() == null ? "" : ", stopped: " + c.abortedBecause());
            case NormalizeResult.Refused r -> "refused: " + r.reason();
        };
    }

    private static String took(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        return " (" + (d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format("%.1f s", d.toMillis() / 1000.0))
                + ")";
    }

    private void say(String line) {
        out().println(line);
        out().flush();
    }
}

package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.adapter.che168.Che168ClientSettings;
import com.che168sync.adapter.che168.Che168Source;
import com.che168sync.adapter.postgres.JooqOperationLogRepository;
import com.che168sync.adapter.postgres.PostgresJobLockRepository;
import com.che168sync.adapter.postgres.ingest.PostgresIngestRepository;
import com.che168sync.application.ingest.IngestSettings;
import com.che168sync.application.ingest.LoadCatalogueService;
import com.che168sync.application.ingest.UpdateChangesService;
import com.che168sync.application.port.in.ingest.IngestResult;
import com.che168sync.application.port.in.ingest.LoadCatalogueCommand;
import com.che168sync.application.port.in.ingest.UpdateChangesCommand;
import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ops.OperationRecord;
import com.che168sync.application.port.out.ops.OperationStatus;
import com.che168sync.application.retry.RetryListener;
import com.che168sync.application.retry.RetryPolicy;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.db.testing.PostgresFixture;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a listing is the unit of failure. A feed of our own (not the sandbox) over real HTTP sends what the real
 * che168 feed will sooner or later: NUL characters, lone surrogates, a 2 MB text, a {@code data} that is not an
 * object, items without inner_id, unreadable timestamps, unknown change types. The load reaches its last page with
 * every well-formed listing stored, the update reaches today, and every bad item is in {@code ingest_quarantine} and
 * named in {@code operations_log.details}.
 */
class PoisonedFeedIT {
    private static final ZoneOffset MOSCOW = ZoneOffset.ofHours(3);
    private static final LocalDate DAY1 = LocalDate.of(2026, 11, 22);
    private static final LocalDate DAY2 = DAY1.plusDays(1);
    private static final String HUGE = "长".repeat(700_000); // ~2 MB of UTF-8

    private FakeFeed feed;
    private HikariDataSource ds;
    private Che168Source source;
    private JooqOperationLogRepository operations;
    private PostgresJobLockRepository locks;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        feed = new FakeFeed();
        source = Che168Source.create(Che168ClientSettings.of(URI.create(feed.baseUrl()), "K"));
        HikariConfig config = new HikariConfig();
        config.setDataSource(PostgresFixture.shared().newDatabase().dataSource());
        config.setMaximumPoolSize(4);
        ds = new HikariDataSource(config);
        operations = new JooqOperationLogRepository(dsl());
        locks = new PostgresJobLockRepository(ds);
    }

    @AfterEach
    void stop() {
        source.close();
        feed.close();
        ds.close();
    }

    private DSLContext dsl() {
        return DSL.using(ds, SQLDialect.POSTGRES);
    }

    private static Clock at(LocalDate day, int hour) {
        return Clock.fixed(ZonedDateTime.of(day.atTime(hour, 0), MOSCOW).toInstant(), ZoneOffset.UTC);
    }

    private final JobReporter reporter = new JobReporter() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public void error(String line, Throwable cause) {
            log.add(line);
        }
    };

    private LoadCatalogueService load(Clock clock) {
        return new LoadCatalogueService(source, repo(), repo(), retry(clock), locks, operations, reporter,
                IngestSettings.defaults(), clock);
    }

    private UpdateChangesService update(Clock clock) {
        return new UpdateChangesService(source, source, repo(), repo(), retry(clock), locks, operations, reporter,
                IngestSettings.defaults(), clock);
    }

    private PostgresIngestRepository repo() {
        return new PostgresIngestRepository(ds, true);
    }

    private static RetryPolicy retry(Clock clock) {
        return new RetryPolicy(RetrySettings.defaults(), d -> { }, clock, RetryListener.NONE);
    }

    private static String item(long id, String innerId, String data) {
        return "{\"id\": " + id + ", \"inner_id\": \"" + innerId + "\", \"change_type\": \"added\","
                + " \"created_at\": \"2025-01-15T10:30:00Z\", \"data\": " + data + "}";
    }

    private List<String> rows(String sql) {
        return dsl().fetch(sql).map(r -> String.valueOf(r.get(0)));
    }

    @Test
    void aLoadOverPoisonedPagesReachesTheLastPageWithEveryWellFormedListingStored() {
        feed.serve("offers?page=1", "{\"result\": ["
                + item(1, "101", "{\"mark\": \"Kia\"}") + ", "
                + item(2, "102", "{\"description\": \"a\\u0000b\"}") + ", "
                + item(3, "103", "{\"description\": \"x\\ud800y\"}") + ", "
                + item(4, "104", "{\"description\": \"" + HUGE + "\"}") + ", "
                + item(5, "105", "\"not an object\"") + ", "
                + "{\"id\": 6, \"change_type\": \"added\", \"data\": {\"mark\": \"no inner_id\"}}, "
                + "{\"id\": 7, \"inner_id\": \"107\", \"created_at\": \"yesterday\", \"data\": {\"mark\": \"BMW\"}}, "
                + item(8, "9".repeat(70), "{}") + ", "
                + "{\"id\": 9, \"inner_id\": \"\", \"data\": {}}"
                + "], \"meta\": {\"page\": 1, \"next_page\": 2, \"limit\": 20}}");
        feed.serve("offers?page=2", "{\"result\": [" + item(10, "110", "{\"mark\": \"Audi\"}") + ", "
                + item(11, "111", "{\"k\\u0000\": \"\\udc00\"}") + "], \"meta\": {\"page\": 2, \"next_page\": null}}");

        IngestResult result = load(at(DAY1, 10)).load(LoadCatalogueCommand.resume());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(repo().findCheckpoint().orElseThrow().finished()).isTrue();
        assertThat(rows("SELECT inner_id FROM raw_data ORDER BY inner_id"))
                .containsExactly("101", "102", "103", "104", "105", "107", "110", "111");
        assertThat(rows("SELECT inner_id || '|' || data::text FROM raw_data WHERE inner_id IN ('102', '103', '105',"
                + " '111') ORDER BY inner_id")).containsExactly("102|{\"description\": \"ab\"}",
                "103|{\"description\": \"x\uFFFDy\"}", "105|\"not an object\"", "111|{\"k\": \"\uFFFD\"}");
        assertThat(rows("SELECT length(data->>'description') FROM raw_data WHERE inner_id = '104'"))
                .containsExactly("700000");
        assertThat(rows("SELECT created_at IS NULL FROM raw_data WHERE inner_id = '107'")).containsExactly("true");
        assertThat(rows("SELECT page || '|' || coalesce(inner_id, '-') || '|' || stored FROM ingest_quarantine"
                + " ORDER BY id")).containsExactly("1|105|true", "1|-|false", "1|107|true",
                "1|" + "9".repeat(64) + "…|false", "1|-|false", "1|102|true", "1|103|true", "2|111|true");
        assertThat(rows("SELECT convert_from(original, 'UTF8') FROM ingest_quarantine WHERE inner_id = '102'"))
                .containsExactly("{\"description\": \"a\\u0000b\"}");
        OperationRecord run = operations.recent(1).getFirst();
        assertThat(run.status()).isEqualTo(OperationStatus.ERROR);
        assertThat(run.details()).contains("listing 102 stored repaired", "listing 111 stored repaired",
                "result[5] has no inner_id", "initial load complete");
        assertThat(log).anyMatch(l -> l.contains("page 1: listing 103 stored repaired"));

        IngestResult again = load(at(DAY1, 11)).load(LoadCatalogueCommand.resume());
        assertThat(again.exitCode()).as("a complete load does nothing").isZero();
    }

    @Test
    void anUpdateThroughAPoisonedDayReachesTodayAndQuarantinesEachBadEvent() {
        feed.serve("offers?page=1", "{\"result\": [" + item(1, "101", "{\"price\": 1}") + "], \"meta\": {\"page\": 1}}");
        assertThat(load(at(DAY1, 1)).load(LoadCatalogueCommand.resume()).exitCode()).isZero();
        feed.serve("change_id?date=" + DAY1, "{\"change_id\": 100}");
        feed.serve("change_id?date=" + DAY2, "{\"change_id\": 106}");
        feed.serve("changes?change_id=100", "{\"result\": ["
                + "{\"id\": 100, \"inner_id\": \"201\", \"change_type\": \"added\", \"data\": {\"t\": \"\\u0000x\"}}, "
                + "{\"id\": 101, \"inner_id\": \"101\", \"change_type\": \"changed\", \"data\": {\"new_price\": 2}}, "
                + "{\"id\": 102, \"change_type\": \"changed\", \"data\": {\"new_price\": 3}}, "
                + "{\"id\": 103, \"inner_id\": \"203\", \"change_type\": \"deleted\"}, "
                + "{\"id\": 104, \"inner_id\": \"204\", \"change_type\": \"added\", \"data\": {\"t\": \"\\ud83d\"}}, "
                + "{\"id\": 105, \"inner_id\": \"205\", \"change_type\": \"added\", \"data\": 7}"
                + "], \"meta\": {\"cur_change_id\": 100, \"next_change_id\": 106}}");
        feed.serve("changes?change_id=106", "{\"result\": ["
                + "{\"id\": 106, \"inner_id\": \"206\", \"change_type\": \"added\", \"created_at\": \"never\", \"data\": {}}"
                + "], \"meta\": {\"cur_change_id\": 106, \"next_change_id\": 107}}");
        feed.serve("changes?change_id=107", "{\"result\": [], \"meta\": {\"cur_change_id\": 107, \"next_change_id\": 107}}");

        IngestResult result = update(at(DAY2, 12)).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        var state = repo().findSyncState().orElseThrow();
        assertThat(state.lastSuccessfulDate()).as("the poisoned day is applied and today reached").isEqualTo(DAY2);
        assertThat(state.lastChangeId()).isEqualTo(106L);
        assertThat(rows("SELECT inner_id || '|' || data::text FROM raw_data ORDER BY inner_id")).containsExactly(
                "101|{\"price\": 2}", "201|{\"t\": \"x\"}", "204|{\"t\": \"\uFFFD\"}", "206|{}");
        assertThat(rows("SELECT change_id || '|' || coalesce(inner_id, '-') || '|' || stored FROM ingest_quarantine"
                + " ORDER BY change_id")).containsExactly("100|201|true", "102|-|false", "103|203|false",
                "104|204|true", "105|205|false", "106|206|true");
        OperationRecord run = operations.recent(1).getFirst();
        assertThat(run.status()).isEqualTo(OperationStatus.ERROR);
        assertThat(run.details()).contains("listing 201 (change 100) stored repaired", "change 102 not applied",
                "listing 206 (change 106) stored repaired");

        IngestResult next = update(at(DAY2, 23)).update(UpdateChangesCommand.daily());
        assertThat(next.exitCode()).as("nothing left: the next run does not stop on the same events").isZero();
    }

    @Test
    void aPastDayTheFeedNoLongerHasEndsPromptlyWithExit1AndNothingMoves() {
        feed.serve("offers?page=1", "{\"result\": [" + item(1, "101", "{}") + "], \"meta\": {\"page\": 1}}");
        assertThat(load(at(DAY1, 1)).load(LoadCatalogueCommand.resume()).exitCode()).isZero();
        feed.serve("change_id?date=" + DAY1, "{\"change_id\": 0}");
        long started = System.nanoTime();

        IngestResult result = update(at(DAY2, 12)).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(System.nanoTime() - started).as("no retries").isLessThan(10_000_000_000L);
        assertThat(feed.requests.stream().filter(r -> r.startsWith("change_id"))).containsExactly(
                "change_id?date=" + DAY1);
        assertThat(repo().findSyncState()).isEmpty();
        assertThat(operations.recent(1).getFirst().details()).contains("day 2026-11-22 is no longer in the feed",
                "./che168 update --from 2026-11-23", "./che168 reconcile");
    }

    @Test
    void aDatabaseLostInTheMiddleOfALoadStopsItNamingTheDatabaseAndTheNextRunResumes() {
        for (int p = 1; p <= 5; p++) {
            feed.serve("offers?page=" + p, "{\"result\": [" + item(p, "10" + p, "{}") + "], \"meta\": {\"page\": "
                    + p + ", \"next_page\": " + (p < 5 ? p + 1 : "null") + "}}");
        }
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        HikariConfig config = new HikariConfig();
        config.setDataSource(db.dataSource());
        config.setMaximumPoolSize(4);
        config.setConnectionTimeout(250);
        ds.close();
        ds = new HikariDataSource(config);
        operations = new JooqOperationLogRepository(dsl());
        locks = new PostgresJobLockRepository(ds);
        feed.onRequest = key -> {
            if (key.equals("offers?page=4")) {
                admin(db, "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS false");
                admin(db, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + db.name()
                        + "'");
            }
        };

        IngestResult stopped = load(at(DAY1, 1)).load(LoadCatalogueCommand.resume());

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(((IngestResult.CompletedWithErrors) stopped).errors()).anyMatch(e -> e.contains(
                "the database (PostgreSQL) failed"));
        assertThat(feed.requests).as("stopped at once (the page read ahead at most), no retries").hasSizeLessThanOrEqualTo(5);
        admin(db, "ALTER DATABASE " + db.name() + " ALLOW_CONNECTIONS true");
        feed.onRequest = key -> { };
        ds.close();
        ds = new HikariDataSource(config);
        operations = new JooqOperationLogRepository(dsl());
        locks = new PostgresJobLockRepository(ds);
        assertThat(repo().findCheckpoint().orElseThrow().nextPage()).as("the checkpoint is kept").isEqualTo(4);

        IngestResult resumed = load(at(DAY1, 2)).load(LoadCatalogueCommand.resume());
        assertThat(resumed.exitCode()).isZero();
        assertThat(rows("SELECT inner_id FROM raw_data ORDER BY inner_id"))
                .containsExactly("101", "102", "103", "104", "105");
    }

    @Test
    void aDeadOfferEndsTheRunPromptlyWithErrorAndTheNextRunCompletesTheListing() {
        feed.serve("offers?page=1", "{\"result\": [" + item(1, "101", "{}") + "], \"meta\": {\"page\": 1}}");
        assertThat(load(at(DAY2, 1)).load(LoadCatalogueCommand.resume()).exitCode()).isZero();
        feed.serve("change_id?date=" + DAY2, "{\"change_id\": 100}");
        feed.serve("changes?change_id=100", "{\"result\": [{\"id\": 100, \"inner_id\": \"301\", \"change_type\":"
                + " \"changed\", \"data\": {\"new_price\": 5}}], \"meta\": {\"next_change_id\": 101}}");
        feed.serve("changes?change_id=101", "{\"result\": [], \"meta\": {\"next_change_id\": 101}}");
        feed.status("offer?inner_id=301", 503);
        long started = System.nanoTime();

        IngestResult result = update(at(DAY2, 12)).update(UpdateChangesCommand.daily());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(System.nanoTime() - started).isLessThan(60_000_000_000L);
        assertThat(feed.requests.stream().filter(r -> r.startsWith("offer?"))).as("the detail policy's 3 attempts")
                .hasSize(3);
        assertThat(rows("SELECT data::text FROM raw_data WHERE inner_id = '301'")).containsExactly("{\"price\": 5}");
        assertThat(rows("SELECT inner_id || '|' || change_id FROM incomplete_listings")).containsExactly("301|100");
        assertThat(operations.recent(1).getFirst().details()).contains("listing 301 stored from the event's fields"
                + " only and marked incomplete");
        assertThat(repo().findSyncState().orElseThrow().lastSuccessfulDate()).isEqualTo(DAY2);

        feed.serve("offer?inner_id=301", "{\"inner_id\": \"301\", \"price\": 9, \"mark\": \"Kia\"}");
        IngestResult next = update(at(DAY2, 13)).update(UpdateChangesCommand.daily());

        assertThat(next.exitCode()).isZero();
        assertThat(rows("SELECT data::text FROM raw_data WHERE inner_id = '301'"))
                .containsExactly("{\"mark\": \"Kia\", \"price\": 5, \"inner_id\": \"301\"}");
        assertThat(rows("SELECT count(*) FROM incomplete_listings")).containsExactly("0");
    }

    private static void admin(PostgresFixture.TestDatabase db, String sql) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + db.host() + ":"
                + db.port() + "/postgres", db.user(), db.password()); java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

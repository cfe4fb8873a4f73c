package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.db.testing.PostgresFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the feed that die while the pages live, on the built jar against a small fake feed over HTTP
 * ({@link FakeFeed}) and a real PostgreSQL, with the pages' retry settings left at their defaults (20 x 12 min): a
 * past day {@code /change_id} answers 0 for ends at once (exit 1, the day and what to do named, nothing moves); a
 * dead {@code /offer} ends within a minute with {@code ERROR} under short detail settings, the listing recorded in
 * {@code incomplete_listings}, and a later run completes it.
 */
class DeadFeedSystemTest {
    /** The product's day: the feed's time zone is +03:00 by default. */
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.ofHours(3));

    @TempDir
    Path work;

    private FakeFeed feed;
    private DataSource ds;
    private Che168Processes product;

    @BeforeEach
    void start() throws Exception {
        feed = new FakeFeed();
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
        product = new Che168Processes(work, db).env("CHE168_BASE_URL", feed.baseUrl()).env("CHE168_API_KEY", "K")
                .env("UPDATE_DETAIL_ATTEMPTS", "3").env("UPDATE_DETAIL_INTERVAL", "1s");
        feed.serve("offers?page=1", "{\"result\": [{\"id\": 1, \"inner_id\": \"101\", \"change_type\": \"added\","
                + " \"created_at\": \"2025-01-15T10:30:00Z\", \"data\": {\"inner_id\": \"101\", \"price\": 1}}],"
                + " \"meta\": {\"page\": 1, \"next_page\": null, \"limit\": 20}}");
        Run load = product.run("load");
        assertThat(load.exit()).as(load.err()).isZero();
    }

    @AfterEach
    void stop() {
        feed.close();
    }

    private long count(String sql) throws SQLException {
        return Che168Processes.count(ds, sql);
    }

    /**
     * Runs the update and checks the run itself (operations_log.duration: the job, not the JVM's start, which a
     * loaded machine can stretch) took less than {@code limit}.
     */
    private Run timed(Duration limit, String... args) throws Exception {
        Run run = product.run(args);
        assertThat(run.err()).doesNotContain("\tat ");
        double seconds = Double.parseDouble(text("SELECT duration FROM operations_log WHERE operation_type ="
                + " 'data_fetch' ORDER BY id DESC LIMIT 1"));
        assertThat(Duration.ofMillis((long) (seconds * 1000))).as("the run ended promptly: " + run.err())
                .isLessThan(limit);
        return run;
    }

    private String text(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aPastDayTheFeedNoLongerHasEndsAtOnceWithExit1NamingTheDayAndNothingMoves() throws Exception {
        LocalDate last = TODAY.minusDays(10);
        LocalDate gone = last.plusDays(1);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO sync_state (last_successful_date, last_change_id, updated_at) VALUES (DATE '" + last
                    + "', 500, now())");
        }
        feed.serve("change_id?date=" + gone, "{\"change_id\": 0}");
        String checksum = GroundTruth.checksum(ds);

        Run run = timed(Duration.ofSeconds(10), "update");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("day " + gone + " is no longer in the feed", "sync_state stays " + last,
                "./che168 update --from " + gone.plusDays(1), "./che168 reconcile");
        assertThat(feed.requests).as("asked once, no retries, no change page").containsExactly(
                "offers?page=1", "change_id?date=" + gone);
        assertThat(count("SELECT count(*) FROM sync_state WHERE last_successful_date = DATE '" + last + "'"
                + " AND last_change_id = 500")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_state")).isEqualTo(1);
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'data_fetch' AND status = 'ERROR'"
                + " AND details LIKE '%day " + gone + " is no longer in the feed%'")).isEqualTo(1);

        // today's /change_id 0: nothing to do yet, not an error
        feed.serve("change_id?date=" + TODAY, "{\"change_id\": 0}");
        Run today = timed(Duration.ofSeconds(10), "update", "--from", TODAY.toString());
        assertThat(today.exit()).as(today.err()).isZero();
        assertThat(today.err()).contains("The feed has no changes for " + TODAY + " yet");
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
    }

    @Test
    void aDeadOfferEndsWithinAMinuteWithErrorAndTheNextRunCompletesTheListing() throws Exception {
        feed.serve("change_id?date=" + TODAY, "{\"change_id\": 100}");
        feed.serve("changes?change_id=100", "{\"result\": [{\"id\": 100, \"inner_id\": \"301\", \"change_type\":"
                + " \"changed\", \"data\": {\"new_price\": 5}}], \"meta\": {\"cur_change_id\": 100,"
                + " \"next_change_id\": 101}}");
        feed.serve("changes?change_id=101", "{\"result\": [], \"meta\": {\"cur_change_id\": 101,"
                + " \"next_change_id\": 101}}");
        feed.status("offer?inner_id=301", 503);

        Run dead = timed(Duration.ofMinutes(1), "update");

        assertThat(dead.exit()).as(dead.err()).isEqualTo(1);
        assertThat(dead.err()).contains("change 100: listing 301 stored from the event's fields only and marked"
                + " incomplete");
        assertThat(feed.requests.stream().filter(r -> r.startsWith("offer?"))).as("UPDATE_DETAIL_ATTEMPTS")
                .hasSize(3);
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'data_fetch' AND status = 'ERROR'"
                + " AND details LIKE '%listing 301 stored from the event''s fields only%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM incomplete_listings WHERE inner_id = '301' AND change_id = 100"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM raw_data WHERE inner_id = '301' AND data = '{\"price\": 5}'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM sync_state WHERE last_successful_date = DATE '" + TODAY + "'"))
                .as("the day is applied").isEqualTo(1);
        Run status = product.run("status");
        assertThat(status.out()).contains("1 listing(s) stored from a change event alone, to complete from /offer");

        feed.serve("offer?inner_id=301", "{\"inner_id\": \"301\", \"price\": 9, \"mark\": \"Kia\"}");
        Run next = timed(Duration.ofMinutes(1), "update");

        assertThat(next.exit()).as(next.err()).isZero();
        assertThat(next.err()).contains("Completed 1 of 1 incomplete listing(s)");
        assertThat(count("SELECT count(*) FROM incomplete_listings")).isZero();
        assertThat(count("SELECT count(*) FROM raw_data WHERE inner_id = '301'"
                + " AND data = '{\"inner_id\": \"301\", \"price\": 5, \"mark\": \"Kia\"}'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM operations_log WHERE operation_type = 'data_fetch' AND status = 'OK'"))
                .isEqualTo(1);
    }
}

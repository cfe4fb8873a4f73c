package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.FeedDirt;
import com.che168sync.sandbox.SandboxFaults;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of the feed that die while the pages live, on the built jar against the sandbox over HTTP and a real
 * PostgreSQL, the pages' retry settings left at their defaults (20 x 12 min): days past the feed's retention
 * ({@code /change_id} answers 0) end the run at once with exit 1 naming the day and what to do, and nothing moves;
 * following that advice, the listings the lost days added are unknown when later events change them, and a dead
 * {@code /offer} under short detail settings ends the run within a minute with {@code ERROR}, those listings recorded
 * in {@code incomplete_listings}; once {@code /offer} answers, the next run completes them.
 */
class DeadFeedSystemTest {
    @TempDir
    Path work;

    private final List<SandboxServer> sandboxes = new ArrayList<>();
    private DataSource ds;

    @AfterEach
    void stop() {
        sandboxes.forEach(SandboxServer::close);
    }

    /** The same feed every time (seed, days ending today, a 2-day retention), served with {@code faults}. */
    private Che168Processes product(PostgresFixture.TestDatabase db, SandboxFaults faults) {
        SandboxServer server = SandboxServer.start(SandboxOptions.builder().port(0).listings(300).days(5)
                .changesPerDay(80).seed(37).faults(faults).dirt(FeedDirt.none().withRetentionDays(2)).build());
        sandboxes.add(server);
        return new Che168Processes(work, db).env("CHE168_BASE_URL", server.baseUrl())
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("UPDATE_DETAIL_ATTEMPTS", "2")
                .env("UPDATE_DETAIL_INTERVAL", "1s").env("UPDATE_DETAIL_BUDGET", "20s");
    }

    private long count(String sql) throws SQLException {
        return Che168Processes.count(ds, sql);
    }

    private String text(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * Runs the update, checks its exit code and that the run itself (operations_log.duration: the job, not the JVM's
     * start, which a loaded machine stretches) took less than {@code limit}.
     */
    private Run update(Che168Processes product, int exit, Duration limit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("update"));
        command.addAll(List.of(args));
        Run run = product.run(command.toArray(String[]::new));
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(exit);
        assertThat(run.err()).doesNotContain("\tat ");
        double seconds = Double.parseDouble(text("SELECT duration FROM operations_log WHERE operation_type ="
                + " 'data_fetch' ORDER BY id DESC LIMIT 1"));
        assertThat(Duration.ofMillis((long) (seconds * 1000))).as("the run ended promptly: " + run.err())
                .isLessThan(limit);
        return run;
    }

    @Test
    void daysPastTheRetentionEndAtOnceAndListingsBehindADeadOfferAreCompletedByALaterRun() throws Exception {
        Che168Processes.awaitClearOfFeedMidnight(Duration.ofMinutes(5));
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        ds = db.dataSource();
        Che168Processes deadOffer = product(db, SandboxFaults.none().withOfferErrorRate(1.0));
        LocalDate today = sandboxes.getFirst().sandbox().options().lastChangeDay();
        Run load = deadOffer.run("load");
        assertThat(load.exit()).as(load.err()).isZero();
        String checksum = GroundTruth.checksum(ds);

        // the first two change days are past the feed's retention: each run stops at once, as its message says
        for (LocalDate gone : List.of(today.minusDays(4), today.minusDays(3))) {
            Run run = update(deadOffer, 1, Duration.ofSeconds(10), "--from", gone.toString());
            assertThat(run.err()).contains("day " + gone + " is no longer in the feed", "sync_state stays unset",
                    "./che168 update --from " + gone.plusDays(1), "./che168 reconcile");
            assertThat(count("SELECT count(*) FROM sync_state")).isZero();
            assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
            assertThat(text("SELECT status FROM operations_log ORDER BY id DESC LIMIT 1")).isEqualTo("ERROR");
        }

        // from the first day the feed has: listings the lost days added are unknown, and /offer is dead
        Run dead = update(deadOffer, 1, Duration.ofMinutes(1), "--from", today.minusDays(2).toString());
        assertThat(dead.err()).contains("stored from the event's fields only and marked incomplete",
                "Day " + today + " applied");
        long incomplete = count("SELECT count(*) FROM incomplete_listings");
        assertThat(incomplete).as("seed 37 changes listings the lost days added").isPositive();
        assertThat(text("SELECT status FROM operations_log ORDER BY id DESC LIMIT 1")).isEqualTo("ERROR");
        assertThat(text("SELECT last_successful_date::text FROM sync_state")).isEqualTo(today.toString());
        String marked = text("SELECT string_agg(quote_literal(inner_id), ', ') FROM incomplete_listings");
        assertThat(count("SELECT count(*) FROM raw_data WHERE inner_id IN (" + marked + ") AND data ? 'mark'"))
                .as("stored from their events' fields").isZero();
        Run status = deadOffer.run("status");
        assertThat(status.out()).contains(incomplete + " listing(s) stored from a change event alone, to complete"
                + " from /offer");

        // /offer answers again: the next run completes every one of them, from the site's whole listing
        Run next = update(product(db, SandboxFaults.none()), 0, Duration.ofMinutes(1));
        assertThat(next.err()).contains("Completed " + incomplete + " of " + incomplete + " incomplete listing(s)");
        assertThat(count("SELECT count(*) FROM incomplete_listings")).isZero();
        assertThat(text("SELECT status FROM operations_log ORDER BY id DESC LIMIT 1")).isEqualTo("OK");
        assertThat(count("SELECT count(*) FROM raw_data WHERE inner_id IN (" + marked + ") AND data ? 'mark'"))
                .as("whole listings now").isEqualTo(incomplete);
    }
}

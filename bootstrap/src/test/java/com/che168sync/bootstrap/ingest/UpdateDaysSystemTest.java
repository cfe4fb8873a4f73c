package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.bootstrap.testing.ProductProcess;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync_state} only ever advances over applied days, on the built jar against the sandbox over HTTP and a real
 * PostgreSQL: after a failed night, a replay of yesterday ({@code --date}) is refused (exit 2, nothing moves: its
 * events applied before the missed days' would make theirs look stale); a replay of the day due moves it by one day;
 * {@code --from} names the days it would skip; a day after today is refused (exit 2) and nothing moves; the
 * next plain {@code update} applies every missed day and the mirror equals the sandbox's ground truth.
 */
class UpdateDaysSystemTest {
    private static final String LAST_DAY = "SELECT coalesce(max(last_successful_date)::text, 'unset') FROM sync_state";

    @TempDir
    Path work;

    private SandboxServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static Run exits(int code, Run run) {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(code);
        assertThat(run.err()).doesNotContain("\tat ");
        return run;
    }

    private static String text(DataSource ds, String sql) throws SQLException {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void replaysAfterFailedNightsNeverSkipADayAndTheNextUpdateBringsTheMirrorToToday() throws Exception {
        Che168Processes.awaitClearOfFeedMidnight(Duration.ofMinutes(5));
        // five change days ending today in the feed's time zone (the sandbox's and the product's default: +03:00)
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(300).days(5).changesPerDay(60)
                .seed(31).build());
        LocalDate today = sandbox.sandbox().options().lastChangeDay();
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        DataSource ds = db.dataSource();
        Che168Processes product = new Che168Processes(work, db).env("CHE168_BASE_URL", sandbox.baseUrl())
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("RETRY_INTERVAL", "100ms");
        Che168Processes sandboxDown = new Che168Processes(work, db)
                .env("CHE168_BASE_URL", "http://127.0.0.1:" + ProductProcess.freePort() + "/api/v2/che168")
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("RETRY_ATTEMPTS", "2")
                .env("RETRY_INTERVAL", "100ms");

        exits(0, product.run("load"));
        exits(0, product.run("update", "--from", today.minusDays(4).toString(), "--max-dates", "1"));
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(4).toString());

        // a failed night: the sandbox is down, nothing is applied
        Run failed = exits(1, sandboxDown.run("update"));
        assertThat(failed.err()).contains("day " + today.minusDays(3) + " not completed");
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(4).toString());

        // a replay of yesterday is refused: applied before days -3 and -2, its events would make theirs look stale
        String checksum = GroundTruth.checksum(ds);
        Run replay = exits(2, product.run("update", "--date", today.minusDays(1).toString()));
        assertThat(replay.err()).contains("--date " + today.minusDays(1) + " lies after days " + today.minusDays(3)
                + " to " + today.minusDays(2) + ", which were never applied", "Nothing was done",
                "./che168 update --date " + today.minusDays(3) + " first");
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(4).toString());
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);
        // the replay of the day right after it moves it by that one day
        exits(0, product.run("update", "--date", today.minusDays(3).toString()));
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(3).toString());
        checksum = GroundTruth.checksum(ds);

        // --from names the never-applied days it would skip (the source is down: nothing is applied)
        Run from = exits(1, sandboxDown.run("update", "--from", today.toString()));
        assertThat(from.err()).contains("--from " + today + " skips days " + today.minusDays(2) + " to "
                + today.minusDays(1) + ", never applied", "./che168 update --from " + today.minusDays(2));
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(3).toString());

        // a day after today is refused before anything runs
        long runs = Che168Processes.count(ds, "SELECT count(*) FROM operations_log");
        for (String option : new String[] {"--date", "--from"}) {
            Run future = exits(2, product.run("update", option, today.plusDays(1).toString()));
            assertThat(future.err()).contains(option + " " + today.plusDays(1) + " is after today (" + today,
                    "Nothing was done");
        }
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.minusDays(3).toString());
        assertThat(Che168Processes.count(ds, "SELECT count(*) FROM operations_log")).isEqualTo(runs);
        assertThat(GroundTruth.checksum(ds)).isEqualTo(checksum);

        // the next night applies days -2 to today: the mirror is the sandbox's today
        Run next = exits(0, product.run("update"));
        assertThat(next.err()).contains("Day " + today.minusDays(2) + " applied", "Day " + today + " applied");
        assertThat(text(ds, LAST_DAY)).isEqualTo(today.toString());
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(today))).isEmpty();
    }
}

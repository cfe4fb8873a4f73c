package com.che168sync.bootstrap.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.bootstrap.Che168Processes;
import com.che168sync.bootstrap.Che168Processes.Run;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.sandbox.FeedDirt;
import com.che168sync.sandbox.PoisonKind;
import com.che168sync.sandbox.PoisonedItem;
import com.che168sync.sandbox.Sandbox;
import com.che168sync.sandbox.SandboxCalendar;
import com.che168sync.sandbox.SandboxClock;
import com.che168sync.sandbox.SandboxOptions;
import com.che168sync.sandbox.SandboxServer;
import com.che168sync.sandbox.SiteDrift;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar against the sandbox's dirty, live feed. Poison ({@code --poison-rate}: NUL, lone and reversed surrogates, 2 MB
 * texts, data that is not an object, no inner_id, bad created_at in /offers items, /changes events and /offer
 * answers) and a real PostgreSQL: the load reaches the last page with every well-formed listing stored exactly as the
 * sandbox's ground truth says, ends ERROR and quarantines what the sandbox lists; {@code status} counts them; the
 * update goes through the poisoned days to today, again exactly to the ground truth. Live today
 * ({@code --live-today}): an update at 02:00 applies the night's events, a later one the rest, each time exactly the
 * ground truth as of the sandbox clock.
 */
class PoisonedSandboxSystemTest {
    @TempDir
    Path work;

    private SandboxServer sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<String> rows(DataSource ds, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    @Test
    void theLoadAndTheUpdateGoThroughThePoisonedFeedToTheGroundTruthAndQuarantineWhatTheSandboxLists() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(600).days(2).changesPerDay(150)
                .seed(17).dirt(FeedDirt.none().withPoison(0.05)).build());
        LocalDate today = sandbox.sandbox().options().lastChangeDay();
        LocalDate firstDay = sandbox.sandbox().options().firstChangeDay();
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        DataSource ds = db.dataSource();
        Che168Processes product = new Che168Processes(work, db).env("CHE168_BASE_URL", sandbox.baseUrl())
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("RETRY_INTERVAL", "100ms");

        List<PoisonedItem> loaded = sandbox.sandbox().poisonedItems(firstDay.minusDays(1)).toList();
        assertThat(loaded).extracting(PoisonedItem::kind).as("the catalogue carries every kind of dirt")
                .contains(PoisonKind.NUL, PoisonKind.LONE_SURROGATE, PoisonKind.NO_INNER_ID, PoisonKind.DATA_NOT_OBJECT,
                        PoisonKind.BAD_CREATED_AT);

        Run load = product.run("load");
        assertThat(load.exit()).as(load.out() + load.err()).isEqualTo(1);
        assertThat(load.err()).doesNotContain("\tat ");
        assertThat(rows(ds, "SELECT finished_at IS NOT NULL FROM load_checkpoint")).containsExactly("t");
        assertThat(GroundTruth.differences(ds, sandbox.sandbox().initialGroundTruth())).isEmpty();
        assertThat(GroundTruth.differences(ds, Sandbox.create(sandbox.sandbox().options().toBuilder()
                .dirt(FeedDirt.none()).build()).initialGroundTruth())).as("the clean truth is another").isNotEmpty();
        Set<String> named = loaded.stream().filter(p -> p.quarantined() && p.kind() != PoisonKind.NO_INNER_ID)
                .map(PoisonedItem::innerId).collect(Collectors.toSet());
        assertThat(Set.copyOf(rows(ds, "SELECT inner_id FROM ingest_quarantine WHERE job = 'load' AND stored")))
                .isEqualTo(named);
        long unnamed = loaded.stream().filter(p -> p.kind() == PoisonKind.NO_INNER_ID).count();
        assertThat(rows(ds, "SELECT count(*) FROM ingest_quarantine WHERE job = 'load' AND NOT stored"
                + " AND inner_id IS NULL")).as("an item without inner_id is kept, once per appearance")
                .singleElement().satisfies(n -> assertThat(Long.parseLong(n)).isGreaterThanOrEqualTo(unnamed));
        String anyNamed = named.iterator().next();
        assertThat(load.err() + load.out()).contains("listing " + anyNamed);
        Run status = product.run("status");
        long quarantined = Long.parseLong(rows(ds, "SELECT count(*) FROM ingest_quarantine").getFirst());
        assertThat(status.out()).contains("Quarantine:      " + String.format("%,d", quarantined) + " item(s)");

        Run update = product.run("update", "--from", firstDay.toString());
        assertThat(update.exit()).as(update.out() + update.err()).isEqualTo(1);
        assertThat(update.err()).doesNotContain("\tat ").contains("Day " + today + " applied");
        assertThat(rows(ds, "SELECT max(last_successful_date)::text FROM sync_state")).containsExactly(today.toString());
        assertThat(GroundTruth.differences(ds, sandbox.sandbox().groundTruth(today))).isEmpty();

        List<PoisonedItem> events = sandbox.sandbox().poisonedItems(today).filter(p -> !p.endpoint().equals("/offers"))
                .toList();
        // each event that cannot be applied or whose created_at is bad is quarantined under its own change id
        Set<String> byChange = events.stream().filter(p -> p.endpoint().equals("/changes") && !p.kind().inText())
                .map(p -> String.valueOf(p.changeId())).collect(Collectors.toSet());
        assertThat(rows(ds, "SELECT change_id::text FROM ingest_quarantine WHERE job = 'update'")).containsAll(byChange);
        // and every quarantined listing of the update is one the sandbox poisoned
        Set<String> poisonedListings = events.stream().map(PoisonedItem::innerId).collect(Collectors.toSet());
        assertThat(rows(ds, "SELECT inner_id FROM ingest_quarantine WHERE job = 'update' AND inner_id IS NOT NULL"))
                .isNotEmpty().allMatch(poisonedListings::contains);
        assertThat(Long.parseLong(rows(ds, "SELECT count(*) FROM ingest_quarantine WHERE job = 'update'").getFirst()))
                .isGreaterThanOrEqualTo(events.stream().filter(p -> p.quarantined()
                        && (p.endpoint().equals("/changes") && !p.kind().inText())).count());

        Run again = product.run("update");
        assertThat(again.exit()).as("nothing left: " + again.out() + again.err()).isZero();
    }

    @Test
    void anUpdateAt0200AppliesTheNightsEventsAndTheNextNightsRunTheRest() throws Exception {
        LocalDate today = LocalDate.now(SandboxOptions.SOURCE_ZONE);
        LocalDate yesterday = today.minusDays(1);
        SandboxClock clock = new SandboxClock(yesterday.atTime(2, 0).atZone(SandboxOptions.SOURCE_ZONE).toInstant());
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(300).days(3).endDate(today)
                .changesPerDay(240).seed(29).clock(clock).dirt(FeedDirt.none().withLiveToday(true)).build());
        SandboxCalendar.ChangeDay first = sandbox.calendar().days().get(1);
        SandboxCalendar.ChangeDay second = sandbox.calendar().days().get(2);
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        DataSource ds = db.dataSource();
        Che168Processes product = new Che168Processes(work, db).env("CHE168_BASE_URL", sandbox.baseUrl())
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("RETRY_INTERVAL", "100ms");

        Run load = product.run("load");
        assertThat(load.exit()).as(load.out() + load.err()).isZero();
        // the night of yesterday, 02:00: the day before it whole, then the night's events
        Run night = product.run("update", "--from", today.minusDays(2).toString());
        assertThat(night.exit()).as(night.out() + night.err()).isZero();
        long nightLast = Long.parseLong(rows(ds, "SELECT max(last_change_id) FROM raw_data").getFirst());
        assertThat(nightLast).as("only the night's events").isGreaterThanOrEqualTo(first.firstChangeId())
                .isLessThan(first.firstChangeId() + first.events() / 6);
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(yesterday))).isEmpty();

        // the next night, 02:00: the run continues after the last change it applied
        clock.set(today.atTime(2, 0).atZone(SandboxOptions.SOURCE_ZONE).toInstant());
        Run next = product.run("update");
        assertThat(next.exit()).as(next.out() + next.err()).isZero();
        assertThat(next.err() + next.out()).contains("continuing the feed after the last applied change " + nightLast);
        long nextLast = Long.parseLong(rows(ds, "SELECT max(last_change_id) FROM raw_data").getFirst());
        assertThat(nextLast).isGreaterThanOrEqualTo(second.firstChangeId())
                .isLessThan(second.firstChangeId() + second.events() / 6);
        assertThat(GroundTruth.differences(ds, sandbox.groundTruth(today))).isEmpty();
    }

    @Test
    void aReconciliationOverAPoisonedLiveSiteReachesTheSiteTruth() throws Exception {
        LocalDate day1 = LocalDate.of(2026, 11, 20);
        SandboxClock clock = new SandboxClock(day1.atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant().minusSeconds(3600));
        sandbox = SandboxServer.start(SandboxOptions.builder().port(0).listings(1_000).days(3).endDate(day1.plusDays(2))
                .changesPerDay(150).seed(23).clock(clock).site(SiteDrift.live().withMissedShare(0.08))
                .dirt(FeedDirt.none().withPoison(0.05)).build());
        PostgresFixture.TestDatabase db = PostgresFixture.shared().newDatabase();
        DataSource ds = db.dataSource();
        Che168Processes product = new Che168Processes(work, db).env("CHE168_BASE_URL", sandbox.baseUrl())
                .env("CHE168_API_KEY", SandboxOptions.DEFAULT_API_KEY).env("RETRY_INTERVAL", "100ms");

        assertThat(product.run("load").exit()).isEqualTo(1);
        clock.set(day1.plusDays(3).atStartOfDay(SandboxOptions.SOURCE_ZONE).toInstant());
        assertThat(product.run("update", "--from", day1.toString()).exit()).isEqualTo(1);
        assertThat(GroundTruth.siteDifferences(ds, sandbox.sandbox().siteTruth())).isNotEmpty();
        Run reconcile = product.run("reconcile");
        assertThat(GroundTruth.siteDifferences(ds, sandbox.sandbox().siteTruth())).as(reconcile.out() + reconcile.err())
                .isEmpty();
    }
}

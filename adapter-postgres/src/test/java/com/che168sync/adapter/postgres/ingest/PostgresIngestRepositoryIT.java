package com.che168sync.adapter.postgres.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.IncompleteListing;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.db.testing.PostgresFixture;
import com.che168sync.domain.offer.ChangeType;
import com.che168sync.domain.offer.Listing;
import com.che168sync.domain.offer.ListingSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostgresIngestRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private DataSource ds;
    private PostgresIngestRepository repo;

    @BeforeEach
    void freshDatabase() {
        ds = PostgresFixture.shared().newDatabase().dataSource();
        repo = new PostgresIngestRepository(ds, true);
    }

    private static SourceOffer offer(String innerId, String json) {
        return new SourceOffer(innerId.chars().allMatch(Character::isDigit) ? Long.parseLong(innerId) + 1 : 0, innerId, "added", Instant.parse("2025-01-15T10:30:00Z"),
                json);
    }

    @Test
    void pageIsStoredWithItsCheckpointAndDuplicatesAreIgnored() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        int first = store(1, List.of(offer("1", "{\"price\": 1.50, \"mark\": \"Kia\"}"),
                offer("2", "{\"a\": [1, {\"b\": null}]}"), offer("1", "{\"dup\": true}")), 2, NOW);
        int second = store(2, List.of(offer("2", "{\"x\": 1}"), offer("3", "{}")), 3, NOW);
        assertThat(store(3, List.of(), null, NOW)).as("an empty last page").isZero();

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(1);
        assertThat(query("SELECT inner_id || '|' || api_id || '|' || change_type || '|' || data::text || '|' || source"
                + " || '|' || active_status || '|' || is_processed || '|' || (first_loaded_at = last_updated_at)"
                + " || '|' || created_at FROM raw_data ORDER BY inner_id"))
                .containsExactly("1|2|added|{\"mark\": \"Kia\", \"price\": 1.50}|initial_load|0|false|true|2025-01-15 10:30:00+00",
                        "2|3|added|{\"a\": [1, {\"b\": null}]}|initial_load|0|false|true|2025-01-15 10:30:00+00",
                        "3|4|added|{}|initial_load|0|false|true|2025-01-15 10:30:00+00");
        LoadCheckpoint cp = repo.findCheckpoint().orElseThrow();
        assertThat(cp.lastPage()).isEqualTo(3);
        assertThat(cp.nextPage()).isNull();
        assertThat(cp.pagesLoaded()).isEqualTo(3);
        assertThat(cp.finished()).isTrue();
        assertThat(cp.loadStartDate()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(repo.countListings()).isEqualTo(3);
    }

    private int store(int page, List<SourceOffer> offers, Integer nextPage, Instant now) {
        return repo.storePage(page, offers, List.of(), nextPage, now).inserted();
    }

    private int refetch(int page, List<SourceOffer> offers, Instant now) {
        return repo.storeRefetchedPage(page, offers, List.of(), now).inserted();
    }

    private void changes(List<Listing> listings, DayCompleted day, Instant now) {
        assertThat(repo.storeChanges(listings, List.of(), day, now)).isEmpty();
    }

    @Test
    void documentsPostgresRefusesAreStoredRepairedAndTheirOriginalsQuarantined() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        String nul = "{\"t\": \"a\\u0000b\", \"k\\u0000\": 1}";
        String lone = "{\"t\": \"x\\ud800y\\udc01\", \"pair\": \"\\ud83d\\ude00\"}";
        String clean = "{\"t\": \"\\\\u0000 is text\", \"pair\": \"\\uD83D\\uDE00\"}";
        PageStored stored = repo.storePage(1, List.of(offer("1", nul), offer("2", lone), offer("3", clean)), List.of(),
                2, NOW);

        assertThat(stored.inserted()).isEqualTo(3);
        assertThat(stored.quarantined()).extracting(ItemDefect::innerId).containsExactly("1", "2");
        assertThat(stored.quarantined()).allMatch(ItemDefect::stored);
        assertThat(stored.quarantined().get(0).reason()).contains("page 1", "2 NUL character(s) removed");
        assertThat(stored.quarantined().get(1).reason()).contains("2 unpaired surrogate(s) replaced by U+FFFD");
        assertThat(query("SELECT data::text FROM raw_data ORDER BY inner_id")).containsExactly(
                "{\"k\": 1, \"t\": \"ab\"}", "{\"t\": \"x\uFFFDy\uFFFD\", \"pair\": \"\uD83D\uDE00\"}",
                "{\"t\": \"\\\\u0000 is text\", \"pair\": \"\uD83D\uDE00\"}");
        assertThat(query("SELECT job || '|' || page || '|' || inner_id || '|' || stored || '|' || convert_from(original,"
                + " 'UTF8') FROM ingest_quarantine ORDER BY id")).containsExactly("load|1|1|true|" + nul,
                "load|1|2|true|" + lone);
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(2);
        assertThat(repo.countQuarantined()).isEqualTo(2);
    }

    @Test
    void rowsTheDatabaseRefusesAreLeftOutQuarantinedAndTheRestOfThePageAndItsCheckpointCommit() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        store(1, List.of(offer("1", "{}")), 2, NOW);
        String longId = "L".repeat(65);
        ItemDefect fromSource = ItemDefect.of(null, null, "/offers?page=2: result[3] has no inner_id; left out", false,
                "{\"id\": 5}");
        PageStored stored = repo.storePage(2, List.of(offer("2", "{}"), offer("3", "{not json"),
                offer(longId, "{\"t\": \"\\u0000\"}"), offer("4", "{\"a\": \"\\u0000\"}")), List.of(fromSource), 3, NOW);

        assertThat(stored.inserted()).isEqualTo(2);
        assertThat(query("SELECT inner_id || '|' || data::text FROM raw_data ORDER BY inner_id"))
                .containsExactly("1|{}", "2|{}", "4|{\"a\": \"\"}");
        assertThat(stored.quarantined()).extracting(ItemDefect::innerId).containsExactly(null, "3", longId, "4");
        assertThat(stored.quarantined()).extracting(ItemDefect::stored).containsExactly(false, false, false, true);
        assertThat(stored.quarantined().get(1).reason()).contains("listing 3 refused by the database", "left out");
        assertThat(query("SELECT coalesce(inner_id, '-') || '|' || stored || '|' || convert_from(original, 'UTF8')"
                + " FROM ingest_quarantine ORDER BY id")).containsExactly("-|false|{\"id\": 5}", "3|false|{not json",
                longId + "|false|{\"t\": \"\\u0000\"}", "4|true|{\"a\": \"\\u0000\"}");
        LoadCheckpoint cp = repo.findCheckpoint().orElseThrow();
        assertThat(cp.lastPage()).isEqualTo(2);
        assertThat(cp.nextPage()).isEqualTo(3);
        assertThat(cp.pagesLoaded()).isEqualTo(2);
    }

    @Test
    void aDataThatIsNotAnObjectIsStoredAsSentAndReadBackAsAnEmptyListing() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        store(1, List.of(offer("1", "\"x\""), offer("2", "[1, 2]")), null, NOW);
        assertThat(query("SELECT data::text FROM raw_data ORDER BY inner_id")).containsExactly("\"x\"", "[1, 2]");
        assertThat(repo.findListings(List.of("1", "2")).values()).extracting(Listing::data)
                .containsExactly(Map.of(), Map.of());
    }

    @Test
    void changedListingsPostgresRefusesAreRepairedOrLeftOutAndTheDayStillCompletes() throws SQLException {
        Listing nul = new Listing("1", null, ChangeType.ADDED, NOW, Map.of("t", "a\u0000b"), true,
                ListingSource.DAILY_UPDATE, 101L);
        Listing lone = new Listing("2", null, ChangeType.ADDED, NOW, Map.of("t", "x\ud800y"), true,
                ListingSource.DAILY_UPDATE, 102L);
        Listing tooLong = new Listing("9".repeat(65), null, ChangeType.ADDED, NOW, Map.of(), true,
                ListingSource.DAILY_UPDATE, 103L);
        Listing fine = new Listing("4", null, ChangeType.ADDED, NOW, Map.of("t", "ok"), true,
                ListingSource.DAILY_UPDATE, 104L);
        ItemDefect fromSource = ItemDefect.of(105L, null, "change 105 has no inner_id; left out", false, "{}");

        List<ItemDefect> quarantined = repo.storeChanges(List.of(nul, lone, tooLong, fine), List.of(fromSource),
                new DayCompleted(LocalDate.of(2026, 11, 22), 105L, false), NOW);

        assertThat(quarantined).extracting(ItemDefect::changeId).containsExactly(105L, 101L, 102L, 103L);
        assertThat(quarantined).extracting(ItemDefect::stored).containsExactly(false, true, true, false);
        assertThat(query("SELECT inner_id || '|' || data::text FROM raw_data ORDER BY inner_id"))
                .containsExactly("1|{\"t\": \"ab\"}", "2|{\"t\": \"x\uFFFDy\"}", "4|{\"t\": \"ok\"}");
        assertThat(query("SELECT job || '|' || change_id || '|' || stored || '|' || convert_from(original, 'UTF8')"
                + " FROM ingest_quarantine ORDER BY id")).containsExactly("update|105|false|{}",
                "update|101|true|{\"t\":\"a\\u0000b\"}", "update|102|true|{\"t\":\"x\\ud800y\"}",
                "update|103|false|{}");
        assertThat(repo.findSyncState().orElseThrow().lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 22));
    }

    @Test
    void failedPagesAreRecordedAdvanceTheCheckpointAndResolveOnRefetch() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        store(1, List.of(offer("1", "{}")), 2, NOW);
        repo.recordFailedPage(2, 20, "HTTP 503", 3, NOW);
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(3);
        assertThat(repo.unresolvedFailedPages()).singleElement()
                .satisfies(f -> {
                    assertThat(f.page()).isEqualTo(2);
                    assertThat(f.attempts()).isEqualTo(20);
                    assertThat(f.lastError()).isEqualTo("HTTP 503");
                });
        assertThat(refetch(2, List.of(offer("1", "{}"), offer("5", "{}")), NOW)).isEqualTo(1);
        assertThat(repo.unresolvedFailedPages()).isEmpty();
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(3);

        repo.startCheckpoint(LocalDate.of(2026, 11, 24), NOW);
        assertThat(query("SELECT count(*) FROM load_failed_pages")).containsExactly("0");
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(1);
    }

    @Test
    void listingsRoundTripExactlyAndUpsertKeepsFirstLoadedAtAndSource() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        store(1, List.of(offer("1", "{\"price\": 8000, \"displacement\": 1.40, \"mark\": \"Kia\"}")), null,
                NOW.minusSeconds(3600));
        Listing stored = repo.findListings(List.of("1", "unknown")).get("1");
        assertThat(stored.data()).containsEntry("price", 8000).containsEntry("displacement", new BigDecimal("1.40"));
        assertThat(stored.source()).isEqualTo(ListingSource.INITIAL_LOAD);
        assertThat(stored.active()).isTrue();
        assertThat(stored.lastChangeId()).isNull();
        assertThat(stored.apiId()).isEqualTo(2L);

        Map<String, Object> merged = new LinkedHashMap<>(stored.data());
        merged.put("price", 7500);
        Listing changed = new Listing("1", 2L, ChangeType.CHANGED, NOW, merged, false, ListingSource.INITIAL_LOAD, 42L);
        Listing created = new Listing("9", null, ChangeType.REMOVED, null, Map.of(), false, ListingSource.DAILY_UPDATE,
                43L);
        changes(List.of(changed, created), new DayCompleted(LocalDate.of(2026, 11, 22), 43L, false), NOW);

        assertThat(repo.findListings(List.of("1", "9"))).containsEntry("1", withBigDecimals(changed))
                .containsEntry("9", created);
        assertThat(query("SELECT inner_id || '|' || data::text || '|' || active_status || '|' || source || '|'"
                + " || (first_loaded_at < last_updated_at) || '|' || is_processed FROM raw_data ORDER BY inner_id"))
                .containsExactly("1|{\"mark\": \"Kia\", \"price\": 7500, \"displacement\": 1.40}|1|initial_load|true|false",
                        "9|{}|1|daily_update|false|false");
        assertThat(repo.findSyncState().orElseThrow().lastSuccessfulDate()).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(repo.findSyncState().orElseThrow().lastChangeId()).isEqualTo(43L);
    }

    private static Listing withBigDecimals(Listing l) {
        Map<String, Object> d = new LinkedHashMap<>(l.data());
        return new Listing(l.innerId(), l.apiId(), l.changeType(), l.createdAt(), d, l.active(), l.source(),
                l.lastChangeId());
    }

    @Test
    void syncStateStaysOneRowAndAReplayNeverMovesItBack() throws SQLException {
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 21), 10L, false), NOW);
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 22), 20L, false), NOW);
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 21), 5L, true), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .containsExactly("2026-11-22|20");
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 20), 5L, false), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .containsExactly("2026-11-20|5");
    }

    @Test
    void aReplayMovesSyncStateOnlyOntoTheDayRightAfterIt() throws SQLException {
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 20), 5L, true), NOW);
        assertThat(repo.findSyncState()).as("no state: a replay does not start one").isEmpty();
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 21), 10L, false), NOW);
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 23), 30L, true), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .as("never past the 22nd, which was not applied").containsExactly("2026-11-21|10");
        changes(List.of(), new DayCompleted(LocalDate.of(2026, 11, 22), 20L, true), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .containsExactly("2026-11-22|20");
    }

    private static Listing listing(String innerId, Map<String, Object> data, long changeId) {
        return new Listing(innerId, null, ChangeType.ADDED, NOW, data, true, ListingSource.DAILY_UPDATE, changeId);
    }

    @Test
    void aListingWrittenWholeIsNoLongerIncompleteAndAFragmentLeavesItsMark() throws SQLException {
        Listing a = listing("1", Map.of("price", 5), 10L);
        Listing b = listing("2", Map.of("price", 6), 11L);
        Listing c = listing("3", Map.of("price", 7), 12L);
        repo.storeChanges(List.of(a, b, c), List.of(), List.of(new IncompleteListing("1", 10L, "/offer failed", 1),
                new IncompleteListing("2", 11L, "/offer failed", 1), new IncompleteListing("3", 12L, "/offer failed",
                1)), List.of(), null, NOW);
        assertThat(query("SELECT inner_id FROM incomplete_listings ORDER BY inner_id")).containsExactly("1", "2", "3");

        // listing 1 arrives whole (an added event), listing 2 gets one more fragment (a changed event)
        repo.storeChanges(List.of(listing("1", Map.of("price", 8, "mark", "Kia"), 20L),
                listing("2", Map.of("price", 9), 21L)), List.of(), List.of(), List.of("1"), null, NOW);
        assertThat(query("SELECT inner_id FROM incomplete_listings ORDER BY inner_id")).containsExactly("2", "3");

        // on the row-by-row path too (a row the database refuses: its mark stays, the whole one's goes)
        Listing refused = listing("9".repeat(65), Map.of(), 30L);
        List<ItemDefect> quarantined = repo.storeChanges(List.of(listing("3", Map.of("mark", "BMW"), 31L), refused),
                List.of(), List.of(), List.of("3", refused.innerId()), null, NOW);
        assertThat(quarantined).extracting(ItemDefect::changeId).containsExactly(30L);
        assertThat(query("SELECT inner_id FROM incomplete_listings ORDER BY inner_id")).containsExactly("2");
        assertThat(query("SELECT inner_id || '|' || data::text FROM raw_data ORDER BY inner_id")).containsExactly(
                "1|{\"mark\": \"Kia\", \"price\": 8}", "2|{\"price\": 9}", "3|{\"mark\": \"BMW\"}");
    }

    @Test
    void manyListingsInOnePageUseOneStatement() throws SQLException {
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            listings.add(new Listing("L" + i, null, ChangeType.ADDED, NOW, Map.of("i", i), true,
                    ListingSource.DAILY_UPDATE, 1000L + i));
        }
        changes(listings, null, NOW);
        assertThat(repo.findListings(listings.stream().map(Listing::innerId).toList())).hasSize(500);
        assertThat(repo.findSyncState()).isEmpty();
    }

    private List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}

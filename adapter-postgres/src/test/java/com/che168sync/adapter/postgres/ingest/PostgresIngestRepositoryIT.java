package com.che168sync.adapter.postgres.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.out.ingest.DayCompleted;
import com.che168sync.application.port.out.ingest.IngestStorageException;
import com.che168sync.application.port.out.ingest.LoadCheckpoint;
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
        return new SourceOffer(Long.parseLong(innerId) + 1, innerId, "added", Instant.parse("2025-01-15T10:30:00Z"),
                json);
    }

    @Test
    void pageIsStoredWithItsCheckpointAndDuplicatesAreIgnored() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        int first = repo.storePage(1, List.of(offer("1", "{\"price\": 1.50, \"mark\": \"Kia\"}"),
                offer("2", "{\"a\": [1, {\"b\": null}]}"), offer("1", "{\"dup\": true}")), 2, NOW);
        int second = repo.storePage(2, List.of(offer("2", "{\"x\": 1}"), offer("3", "{}")), 3, NOW);
        assertThat(repo.storePage(3, List.of(), null, NOW)).as("an empty last page").isZero();

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

    @Test
    void failingPageRollsBackTogetherWithItsCheckpoint() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        repo.storePage(1, List.of(offer("1", "{}")), 2, NOW);
        assertThatThrownBy(() -> repo.storePage(2, List.of(offer("2", "{}"), offer("3", "{not json")), 3, NOW))
                .isInstanceOf(IngestStorageException.class)
                .hasMessageContaining("store page 2");
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(2);
        assertThat(query("SELECT inner_id FROM raw_data")).containsExactly("1");
    }

    @Test
    void failedPagesAreRecordedAdvanceTheCheckpointAndResolveOnRefetch() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        repo.storePage(1, List.of(offer("1", "{}")), 2, NOW);
        repo.recordFailedPage(2, 20, "HTTP 503", 3, NOW);
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(3);
        assertThat(repo.unresolvedFailedPages()).singleElement()
                .satisfies(f -> {
                    assertThat(f.page()).isEqualTo(2);
                    assertThat(f.attempts()).isEqualTo(20);
                    assertThat(f.lastError()).isEqualTo("HTTP 503");
                });
        assertThat(repo.storeRefetchedPage(2, List.of(offer("1", "{}"), offer("5", "{}")), NOW)).isEqualTo(1);
        assertThat(repo.unresolvedFailedPages()).isEmpty();
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(3);

        repo.startCheckpoint(LocalDate.of(2026, 11, 24), NOW);
        assertThat(query("SELECT count(*) FROM load_failed_pages")).containsExactly("0");
        assertThat(repo.findCheckpoint().orElseThrow().nextPage()).isEqualTo(1);
    }

    @Test
    void listingsRoundTripExactlyAndUpsertKeepsFirstLoadedAtAndSource() throws SQLException {
        repo.startCheckpoint(LocalDate.of(2026, 11, 23), NOW);
        repo.storePage(1, List.of(offer("1", "{\"price\": 8000, \"displacement\": 1.40, \"mark\": \"Kia\"}")), null,
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
        repo.storeChanges(List.of(changed, created), new DayCompleted(LocalDate.of(2026, 11, 22), 43L, false), NOW);

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
        repo.storeChanges(List.of(), new DayCompleted(LocalDate.of(2026, 11, 21), 10L, false), NOW);
        repo.storeChanges(List.of(), new DayCompleted(LocalDate.of(2026, 11, 22), 20L, false), NOW);
        repo.storeChanges(List.of(), new DayCompleted(LocalDate.of(2026, 11, 21), 5L, true), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .containsExactly("2026-11-22|20");
        repo.storeChanges(List.of(), new DayCompleted(LocalDate.of(2026, 11, 20), 5L, false), NOW);
        assertThat(query("SELECT last_successful_date || '|' || last_change_id FROM sync_state"))
                .containsExactly("2026-11-20|5");
    }

    @Test
    void manyListingsInOnePageUseOneStatement() throws SQLException {
        List<Listing> listings = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            listings.add(new Listing("L" + i, null, ChangeType.ADDED, NOW, Map.of("i", i), true,
                    ListingSource.DAILY_UPDATE, 1000L + i));
        }
        repo.storeChanges(listings, null, NOW);
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

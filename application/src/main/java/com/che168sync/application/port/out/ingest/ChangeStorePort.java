package com.che168sync.application.port.out.ingest;

import com.che168sync.domain.offer.Listing;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code raw_data} and {@code sync_state} for the daily update. */
public interface ChangeStorePort {

    /** The stored listings among {@code innerIds} (one query), keyed by inner_id; unknown ones are absent. */
    Map<String, Listing> findListings(Collection<String> innerIds);

    /**
     * One transaction: upserts {@code listings} (one set-based statement; new rows get {@code first_loaded_at = now},
     * every written row {@code last_updated_at = now} and {@code is_processed = false}) and, when
     * {@code dayCompleted} is not null, the sync state.
     */
    void storeChanges(Collection<Listing> listings, DayCompleted dayCompleted, Instant now);

    /** The sync state, or empty before the first successful day. */
    Optional<SyncState> findSyncState();
}

package com.che168sync.application.port.out.ingest;

import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.domain.offer.Listing;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads and writes {@code raw_data} and {@code sync_state} for the daily update. */
public interface ChangeStorePort {

    /** The stored listings among {@code innerIds} (one query), keyed by inner_id; unknown ones are absent. */
    Map<String, Listing> findListings(Collection<String> innerIds);

    /**
     * One transaction: upserts {@code listings} (one set-based statement; new rows get {@code first_loaded_at = now},
     * every written row {@code last_updated_at = now} and {@code is_processed = false}) and, when
     * {@code dayCompleted} is not null, the sync state. A listing whose data PostgreSQL refuses as written is stored
     * repaired (NUL removed, unpaired surrogates → U+FFFD) or, when even that fails, left out; it is written to
     * {@code ingest_quarantine} (named by its last change id) together with {@code defects}, in the same
     * transaction. Only a failure of the database itself throws.
     *
     * @param defects events of the page the source reader or the rules could not apply as sent
     * @return everything quarantined by this transaction
     */
    default List<ItemDefect> storeChanges(Collection<Listing> listings, List<ItemDefect> defects,
            DayCompleted dayCompleted, Instant now) {
        return storeChanges(listings, defects, List.of(), List.of(), dayCompleted, now);
    }

    /**
     * As above; {@code incomplete} are listings of {@code listings} created from their event alone because
     * {@code /offer} failed: recorded in {@code incomplete_listings} in the same transaction. {@code whole} are
     * inner_ids of {@code listings} this write stores whole (an {@code added} event's full data, or {@code /offer}'s
     * listing under a {@code changed} event): a listing among them that was incomplete is no longer, its mark removed
     * in the same transaction (unless the database refused the listing itself).
     */
    List<ItemDefect> storeChanges(Collection<Listing> listings, List<ItemDefect> defects,
            List<IncompleteListing> incomplete, Collection<String> whole, DayCompleted dayCompleted, Instant now);

    /** The listings marked incomplete, oldest first, at most {@code limit}. */
    List<IncompleteListing> findIncomplete(int limit);

    /**
     * One transaction: stores {@code completed} (the listing with {@code /offer}'s data under its own) and forgets
     * its incomplete mark. With {@code completed} null: {@code failure} not null counts a failed attempt; both null
     * forget the mark (nothing left to complete).
     */
    void completeListing(String innerId, Listing completed, String failure, Instant now);

    /** The sync state, or empty before the first successful day. */
    Optional<SyncState> findSyncState();
}

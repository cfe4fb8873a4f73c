package com.che168sync.application.port.out.reconcile;

import com.che168sync.application.port.out.ingest.FailedPage;
import com.che168sync.application.port.out.source.SourceOffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reconciliation's storage: its checkpoint, what the scan saw ({@code reconcile_scan}, in the database, never in
 * the heap), the comparison with {@code raw_data} and the repair, all set-based. Failures are
 * {@link com.che168sync.application.port.out.ingest.IngestStorageException}.
 */
public interface ReconcileStorePort {
    Optional<ReconcileCheckpoint> findReconcileCheckpoint();

    /** Forgets any earlier scan (its rows, drift and failed pages) and starts a new one at page 1. */
    ReconcileCheckpoint startScan(Instant now);

    /**
     * Stores one page of the scan together with the checkpoint (one transaction): a listing already seen on an
     * earlier page takes this page's data.
     */
    void storeScanPage(int page, List<SourceOffer> offers, Integer nextPage, Instant now);

    /** Records a page the scan gave up on and moves the checkpoint past it (one transaction). */
    void recordFailedScanPage(int page, int attempts, String error, Integer nextPage, Instant now);

    List<FailedPage> failedScanPages();

    /** Listings in {@code reconcile_scan} (compared with the checkpoint's count on resume). */
    long countScanned();

    /**
     * Compares the scan with {@code raw_data} in the database and keeps the result in {@code reconcile_drift}.
     *
     * @param findAbsent also list the active rows the scan did not see (only for a complete scan without failed
     *                   pages); rows written after {@code scanStartedAt} are newer than the scan and left alone
     */
    DriftCounts classify(Instant scanStartedAt, boolean findAbsent);

    /** Up to {@code limit} listings active here and absent from the scan, not confirmed yet. */
    List<String> absentListings(int limit);

    /**
     * Records what {@code /offer} said: {@code gone} will be marked removed; {@code alive} (inner_id → current data
     * JSON) stay, and take that data when it differs; {@code unconfirmed} stay as they are.
     */
    void recordConfirmations(List<String> gone, Map<String, String> alive, List<String> unconfirmed, Instant now);

    /**
     * Repairs {@code raw_data} from the drift, in one transaction: stores the missing listings and reactivates the
     * removed ones ({@code source = 'reconcile'}), replaces differing data, marks confirmed removals; every row
     * written gets {@code is_processed = false}. A row the daily update wrote after the scan read it is left alone.
     * A listing in {@code incomplete_listings} that now holds the scan's (whole) data is no longer incomplete.
     * Marks the checkpoint repaired and empties {@code reconcile_scan}.
     */
    RepairCounts repair(Instant scanStartedAt, Instant now);
}

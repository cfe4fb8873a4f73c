package com.che168sync.application.normalize;

import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.NormalizationStoreException;
import com.che168sync.application.port.out.normalize.NormalizedRow;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import com.che168sync.application.port.out.normalize.RecordFailure;
import com.che168sync.application.port.out.normalize.SaveNormalizedPort;
import com.che168sync.application.port.out.normalize.SaveOutcome;
import com.che168sync.application.port.out.normalize.UnmappedValue;
import com.che168sync.domain.normalize.Coded;
import com.che168sync.domain.normalize.Normalization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** raw_data + processed_data in memory, with the same transactional promises as the real adapter. */
final class InMemoryNormalizationStore implements LoadRawListingsPort, SaveNormalizedPort {
    static final class Raw {
        final long id;
        final String innerId;
        long version = 1;
        boolean active = true;
        boolean processed;
        int attempts;
        String error;
        Map<String, Object> data;

        Raw(long id, String innerId, Map<String, Object> data) {
            this.id = id;
            this.innerId = innerId;
            this.data = data;
        }
    }

    final TreeMap<Long, Raw> raw = new TreeMap<>();
    final Map<String, Normalization> processed = new HashMap<>();
    final Map<String, Boolean> processedActive = new HashMap<>();
    /** inner_ids whose write fails, like a constraint violation would. */
    final Set<String> poison = new HashSet<>();
    final AtomicInteger saveCalls = new AtomicInteger();
    final List<Integer> loadedBatchSizes = new ArrayList<>();
    RuntimeException loadFailure;

    synchronized Raw add(String innerId, Map<String, Object> data) {
        long id = raw.isEmpty() ? 1 : raw.lastKey() + 1;
        Raw r = new Raw(id, innerId, data);
        raw.put(id, r);
        return r;
    }

    @Override
    public synchronized QueueStats queueStats(int maxAttempts, int normalizerVersion) {
        long waiting = raw.values().stream().filter(r -> !r.processed && r.attempts < maxAttempts).count();
        long parked = raw.values().stream().filter(r -> !r.processed && r.attempts >= maxAttempts).count();
        return new QueueStats(waiting, parked, 0);
    }

    @Override
    public synchronized List<RawListing> loadBatch(long afterId, int limit, int maxAttempts) {
        if (loadFailure != null) {
            throw loadFailure;
        }
        List<RawListing> out = new ArrayList<>();
        for (Raw r : raw.tailMap(afterId, false).values()) {
            if (!r.processed && r.attempts < maxAttempts) {
                Map<String, Object> data = r.data;
                out.add(new RawListing(r.id, r.version, r.innerId, r.active, Instant.EPOCH, () -> {
                    if (data == null) {
                        throw new IllegalArgumentException("raw_data.data is not a JSON object");
                    }
                    return data;
                }));
                if (out.size() == limit) {
                    break;
                }
            }
        }
        loadedBatchSizes.add(out.size());
        return out;
    }

    @Override
    public synchronized long requeueAll() {
        raw.values().forEach(r -> {
            r.processed = false;
            r.attempts = 0;
            r.error = null;
        });
        return raw.size();
    }

    @Override
    public synchronized SaveOutcome save(List<NormalizedRow> rows) {
        saveCalls.incrementAndGet();
        for (NormalizedRow row : rows) {
            if (poison.contains(row.raw().innerId())) {
                throw new NormalizationStoreException("value too long for type character varying(128) (inner_id "
                        + row.raw().innerId() + ")", null);
            }
        }
        int created = 0;
        int updated = 0;
        int inactive = 0;
        int changed = 0;
        for (NormalizedRow row : rows) {
            if (processed.put(row.raw().innerId(), row.normalization()) == null) {
                created++;
            } else {
                updated++;
            }
            processedActive.put(row.raw().innerId(), row.raw().active());
            if (!row.raw().active()) {
                inactive++;
            }
            Raw r = raw.get(row.raw().id());
            if (r.version == row.raw().rowVersion()) {
                r.processed = true;
                r.attempts = 0;
                r.error = null;
            } else {
                changed++;
            }
        }
        return new SaveOutcome(created, updated, inactive, changed);
    }

    @Override
    public synchronized void recordFailures(List<RecordFailure> failures) {
        for (RecordFailure f : failures) {
            Raw r = raw.get(f.rawId());
            r.attempts++;
            r.error = f.error();
        }
    }

    @Override
    public synchronized List<UnmappedValue> unmappedValues() {
        Map<String, Long> counts = new TreeMap<>();
        for (Normalization n : processed.values()) {
            Coded c = n.listing().engineType();
            if (c != null && c.unmapped()) {
                counts.merge(c.source(), 1L, Long::sum);
            }
        }
        List<UnmappedValue> out = new ArrayList<>();
        counts.forEach((source, count) -> out.add(new UnmappedValue("engine_type", source, count)));
        return out;
    }
}

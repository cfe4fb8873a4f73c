package com.che168sync.application.normalize;

import com.che168sync.application.port.out.normalize.LoadRawListingsPort;
import com.che168sync.application.port.out.normalize.QueueStats;
import com.che168sync.application.port.out.normalize.RawListing;
import java.util.List;

/** A queue that runs an action after each read: to simulate a raw row changing while it is being normalized. */
record DelegatingQueue(LoadRawListingsPort delegate, Runnable afterRead) implements LoadRawListingsPort {
    @Override
    public QueueStats queueStats(int maxAttempts, int normalizerVersion) {
        return delegate.queueStats(maxAttempts, normalizerVersion);
    }

    @Override
    public List<RawListing> loadBatch(long afterId, int limit, int maxAttempts) {
        List<RawListing> batch = delegate.loadBatch(afterId, limit, maxAttempts);
        if (!batch.isEmpty()) {
            afterRead.run();
        }
        return batch;
    }

    @Override
    public long requeueAll() {
        return delegate.requeueAll();
    }
}

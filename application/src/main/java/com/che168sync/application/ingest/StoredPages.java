package com.che168sync.application.ingest;

import com.che168sync.application.job.JobReporter;
import com.che168sync.application.port.out.ingest.PageStored;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.domain.offer.ChangeType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the load does with every page of {@code /offers}, fresh or fetched again: what is stored, and counted. */
final class StoredPages {
    private StoredPages() {
    }

    /** An item's change_type as the schema stores it; an unknown one is stored as null, with a warning. */
    static List<SourceOffer> storable(List<SourceOffer> offers, JobReporter reporter) {
        List<SourceOffer> result = null;
        for (int i = 0; i < offers.size(); i++) {
            SourceOffer o = offers.get(i);
            String type = ChangeType.fromSource(o.changeType()).map(ChangeType::sourceName).orElse(null);
            if (!Objects.equals(type, o.changeType())) {
                if (type == null) {
                    reporter.warn("listing " + o.innerId() + " has an unknown change_type '" + o.changeType()
                            + "'; stored without one");
                }
                if (result == null) {
                    result = new ArrayList<>(offers);
                }
                result.set(i, new SourceOffer(o.apiId(), o.innerId(), type, o.createdAt(), o.dataJson()));
            }
        }
        return result == null ? offers : result;
    }

    /** Counts a stored page of {@code offers} items; every quarantined item is an error of the run. */
    static void count(int page, int offers, PageStored stored, RunCounters counters, JobReporter reporter) {
        for (ItemDefect d : stored.quarantined()) {
            IngestJob.quarantined(reporter, counters, "page " + page + ": ", d, "not stored");
        }
        counters.page(page, stored.inserted(), 0, 0, offers - stored.inserted(), offers);
    }
}

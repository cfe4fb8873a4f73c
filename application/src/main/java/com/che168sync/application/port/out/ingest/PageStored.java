package com.che168sync.application.port.out.ingest;

import com.che168sync.application.port.out.source.ItemDefect;
import java.util.List;

/**
 * What a page's transaction stored.
 *
 * @param inserted    rows inserted (the rest of the page's items were duplicates or quarantined)
 * @param quarantined every item of the page written to {@code ingest_quarantine} in the same transaction: the
 *                    source's defects handed in, and the items the database could not take as sent (stored repaired,
 *                    or left out)
 */
public record PageStored(int inserted, List<ItemDefect> quarantined) {
    public PageStored {
        quarantined = List.copyOf(quarantined);
    }
}

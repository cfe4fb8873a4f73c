package com.che168sync.domain.offer;

/** What applying one {@link ChangeEvent} to the stored state did. */
public sealed interface ChangeOutcome permits ChangeOutcome.Created, ChangeOutcome.Updated, ChangeOutcome.Skipped {

    ChangeEvent event();

    /** The name of the {@link ChangeRule} that decided. */
    String rule();

    /** The listing did not exist: it is created as {@code listing}. */
    record Created(ChangeEvent event, String rule, Listing listing) implements ChangeOutcome {
    }

    /** The listing existed and becomes {@code after}. */
    record Updated(ChangeEvent event, String rule, Listing before, Listing after) implements ChangeOutcome {
        /** Whether the listing's content (data or active status) differs, as opposed to bookkeeping only. */
        public boolean changesContent() {
            return before.active() != after.active() || !JsonEquality.sameJson(before.data(), after.data());
        }
    }

    /** Nothing happens, for {@code reason} (e.g. a replayed or out-of-order event). */
    record Skipped(ChangeEvent event, String rule, String reason) implements ChangeOutcome {
    }
}

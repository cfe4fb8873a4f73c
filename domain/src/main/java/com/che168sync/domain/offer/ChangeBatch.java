package com.che168sync.domain.offer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.Collections;

/**
 * Applies a batch of change events (a page or a day of the feed) to the stored listings they concern.
 *
 * <p>Events are applied in ascending id order whatever order they arrive in (the feed's id decides, docs/rules.md#daily-update:
 * the same inner_id may occur several times, added then changed then removed); an event sees the result of the
 * earlier events of the batch. Applying the same batch again to its own result changes nothing (every event is then
 * stopped by the replay guard). Pure: the inputs are not modified.
 */
public final class ChangeBatch {
    private ChangeBatch() {
    }

    /**
     * @param stored the stored listings of the batch's inner_ids (absent = unknown); not modified
     * @param events the events, in any order
     */
    public static Result apply(Map<String, Listing> stored, Collection<? extends ChangeEvent> events) {
        Objects.requireNonNull(stored, "stored");
        List<ChangeEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparingLong(ChangeEvent::id));
        Map<String, Listing> state = new LinkedHashMap<>();
        Map<String, Listing> written = new LinkedHashMap<>();
        List<ChangeOutcome> outcomes = new ArrayList<>(ordered.size());
        for (ChangeEvent e : ordered) {
            Listing current = state.containsKey(e.innerId()) ? state.get(e.innerId()) : stored.get(e.innerId());
            ChangeOutcome outcome = ChangeRules.apply(current, e);
            outcomes.add(outcome);
            Listing next = switch (outcome) {
                case ChangeOutcome.Created c -> c.listing();
                case ChangeOutcome.Updated u -> u.after();
                case ChangeOutcome.Skipped s -> null;
            };
            if (next != null) {
                state.put(e.innerId(), next);
                written.put(e.innerId(), next);
            }
        }
        return new Result(written, outcomes, stored.keySet());
    }

    /**
     * The batch's effect.
     *
     * @param written  the final state of every listing an event created or updated, keyed by inner_id (what must be
     *                 stored; listings whose events were all skipped are absent)
     * @param outcomes one outcome per event, in id order
     * @param known    the inner_ids that were stored before the batch
     */
    public record Result(Map<String, Listing> written, List<ChangeOutcome> outcomes, Set<String> known) {
        public Result {
            written = Collections.unmodifiableMap(new LinkedHashMap<>(written));
            outcomes = List.copyOf(outcomes);
            known = Set.copyOf(known);
        }

        /** Whether {@code innerId} is new to the store (created by this batch). */
        public boolean isNew(String innerId) {
            return !known.contains(innerId);
        }

        public long created() {
            return outcomes.stream().filter(o -> o instanceof ChangeOutcome.Created).count();
        }

        /**
         * The inner_ids whose written state holds a full listing from this batch: an applied {@code added} event, or
         * an applied {@code changed} event carrying the listing fetched with {@code /offer}. Later events of the
         * batch only merge into or deactivate it, so the listing stays whole.
         */
        public Set<String> wholeListings() {
            Set<String> whole = new LinkedHashSet<>();
            for (ChangeOutcome o : outcomes) {
                boolean full = o.event() instanceof ChangeEvent.Added
                        || o.event() instanceof ChangeEvent.Changed c && c.fullListing() != null;
                if (full && !(o instanceof ChangeOutcome.Skipped)) {
                    whole.add(o.event().innerId());
                }
            }
            return whole;
        }

        /** Events that changed a listing's content (data or active status). */
        public long updated() {
            return outcomes.stream()
                    .filter(o -> o instanceof ChangeOutcome.Updated u && u.changesContent()).count();
        }

        /** Events applied to a known listing without changing its content (bookkeeping only). */
        public long unchanged() {
            return outcomes.stream()
                    .filter(o -> o instanceof ChangeOutcome.Updated u && !u.changesContent()).count();
        }

        /** Events stopped by the replay guard. */
        public long skipped() {
            return outcomes.stream().filter(o -> o instanceof ChangeOutcome.Skipped).count();
        }

        /** The highest event id of the batch, applied or skipped. */
        public OptionalLong lastEventId() {
            return outcomes.isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(outcomes.get(outcomes.size() - 1).event().id());
        }
    }
}

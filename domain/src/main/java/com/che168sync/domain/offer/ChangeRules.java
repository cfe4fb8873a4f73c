package com.che168sync.domain.offer;

import com.che168sync.domain.offer.ChangeEvent.Added;
import com.che168sync.domain.offer.ChangeEvent.Changed;
import com.che168sync.domain.offer.ChangeEvent.Removed;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The change-type rules of the daily update (docs/rules.md#daily-update), matched by {@code inner_id}, as a registry of named pure
 * functions. In order:
 * <ol>
 *   <li>{@code replay-guard}: an event whose id is not greater than the listing's {@code last_change_id} is skipped,
 *       so a re-run or an out-of-order delivery never moves a listing backwards;</li>
 *   <li>{@code added-unknown}: creates the listing, active, with the event's full data;</li>
 *   <li>{@code added-known}: the event's full data replaces the stored one; the listing is active again;</li>
 *   <li>{@code changed-known}: merges the event's data into the stored data ({@link OfferMerge}); the active
 *       status stays unless the event's data carries {@code active_status} (0/1);</li>
 *   <li>{@code changed-unknown}: creates the listing, active (unless the event says otherwise), from the full listing
 *       fetched with {@code /offer} when the caller attached it ({@link Changed#withFullListing(Map)}), with the
 *       event's fields merged on top; without it, from the event's fields alone;</li>
 *   <li>{@code removed-known}: marks the listing inactive; its data is kept;</li>
 *   <li>{@code removed-unknown}: creates the listing inactive, with whatever data the event carries.</li>
 * </ol>
 * Every applied event sets {@code change_type}, {@code created_at} (when the event has one) and
 * {@code last_change_id}; rows created here have {@code source = daily_update}. The rules never look at the clock.
 */
public final class ChangeRules {
    private static final String ACTIVE_STATUS = "active_status";

    private static final List<ChangeRule> ALL = List.of(
            rule("replay-guard", "an event whose id is not greater than the listing's last_change_id is skipped",
                    (current, event) -> current != null && current.lastChangeId() != null
                            && event.id() <= current.lastChangeId()
                            ? Optional.of(new ChangeOutcome.Skipped(event, "replay-guard", "change " + event.id()
                                    + " is not after the listing's last applied change " + current.lastChangeId()))
                            : Optional.empty()),
            rule("added-unknown", "an added event for an unknown listing creates it, active, with the full data",
                    (current, event) -> current == null && event instanceof Added
                            ? Optional.of(new ChangeOutcome.Created(event, "added-unknown",
                                    created(event, OfferMerge.withoutNewPrefixes(event.data()), true)))
                            : Optional.empty()),
            rule("added-known", "an added event replaces the stored data with its full data and reactivates the listing",
                    (current, event) -> current != null && event instanceof Added
                            ? Optional.of(new ChangeOutcome.Updated(event, "added-known", current,
                                    updated(current, event, OfferMerge.withoutNewPrefixes(event.data()), true)))
                            : Optional.empty()),
            rule("changed-known", "a changed event is merged into the stored data; the active status stays unless"
                            + " the event carries active_status",
                    (current, event) -> {
                        if (current == null || !(event instanceof Changed)) {
                            return Optional.empty();
                        }
                        Map<String, Object> data = OfferMerge.merge(current.data(), event.data());
                        boolean active = activeFrom(data).orElse(current.active());
                        return Optional.of(new ChangeOutcome.Updated(event, "changed-known", current,
                                updated(current, event, data, active)));
                    }),
            rule("changed-unknown", "a changed event for an unknown listing creates it from the fetched full listing"
                            + " (if any) with the event's fields merged on top",
                    (current, event) -> {
                        if (current != null || !(event instanceof Changed changed)) {
                            return Optional.empty();
                        }
                        Map<String, Object> base = changed.fullListing() == null ? Map.of() : changed.fullListing();
                        Map<String, Object> data = OfferMerge.merge(base, event.data());
                        boolean active = activeFrom(data).orElse(true);
                        return Optional.of(new ChangeOutcome.Created(event, "changed-unknown",
                                created(event, data, active)));
                    }),
            rule("removed-known", "a removed event marks the listing inactive and keeps its data",
                    (current, event) -> current != null && event instanceof Removed
                            ? Optional.of(new ChangeOutcome.Updated(event, "removed-known", current,
                                    updated(current, event, current.data(), false)))
                            : Optional.empty()),
            rule("removed-unknown", "a removed event for an unknown listing creates it inactive",
                    (current, event) -> current == null && event instanceof Removed
                            ? Optional.of(new ChangeOutcome.Created(event, "removed-unknown",
                                    created(event, OfferMerge.withoutNewPrefixes(event.data()), false)))
                            : Optional.empty()));

    private ChangeRules() {
    }

    /** Every rule, in the order they are tried. */
    public static List<ChangeRule> all() {
        return ALL;
    }

    /**
     * Applies one event.
     *
     * @param current the stored listing with this event's inner_id, or null when unknown
     * @throws IllegalArgumentException when {@code current} is a different listing than the event's
     */
    public static ChangeOutcome apply(Listing current, ChangeEvent event) {
        Objects.requireNonNull(event, "event");
        if (current != null && !current.innerId().equals(event.innerId())) {
            throw new IllegalArgumentException("change " + event.id() + " is for inner_id " + event.innerId()
                    + ", not for " + current.innerId());
        }
        for (ChangeRule r : ALL) {
            Optional<ChangeOutcome> outcome = r.apply(current, event);
            if (outcome.isPresent()) {
                return outcome.get();
            }
        }
        throw new IllegalStateException("no change rule covers change " + event.id()); // the registry is complete
    }

    private static Listing created(ChangeEvent event, Map<String, Object> data, boolean active) {
        return new Listing(event.innerId(), null, event.type(), event.createdAt(), data, active,
                ListingSource.DAILY_UPDATE, event.id());
    }

    private static Listing updated(Listing current, ChangeEvent event, Map<String, Object> data, boolean active) {
        return new Listing(current.innerId(), current.apiId(), event.type(),
                event.createdAt() != null ? event.createdAt() : current.createdAt(), data, active, current.source(),
                event.id());
    }

    /** {@code active_status} carried by an event's data: 0 → active, 1 → inactive; anything else is ignored. */
    private static Optional<Boolean> activeFrom(Map<String, Object> data) {
        Object v = data.get(ACTIVE_STATUS);
        if (v == null) {
            return Optional.empty();
        }
        try {
            BigDecimal n = new BigDecimal(v.toString().strip());
            if (n.compareTo(BigDecimal.ZERO) == 0) {
                return Optional.of(true);
            }
            if (n.compareTo(BigDecimal.ONE) == 0) {
                return Optional.of(false);
            }
        } catch (NumberFormatException ignored) {
            // not a status we understand: keep the current one
        }
        return Optional.empty();
    }

    private static ChangeRule rule(String name, String description,
            BiFunction<Listing, ChangeEvent, Optional<ChangeOutcome>> fn) {
        return new ChangeRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Optional<ChangeOutcome> apply(Listing current, ChangeEvent event) {
                return fn.apply(current, event);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

package com.che168sync.domain.offer;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the source's change feed ({@code /changes}), typed by its {@code change_type}.
 *
 * <p>{@code id} is the feed's change id: monotonic over the feed, so it orders events and guards against replays
 * (see {@link ChangeRules}). {@code data} holds plain JSON values (Map, List, String, Number, Boolean, null) and is
 * never null; it is not copied deeply, callers must not mutate it afterwards.
 */
public sealed interface ChangeEvent permits ChangeEvent.Added, ChangeEvent.Changed, ChangeEvent.Removed {

    long id();

    String innerId();

    /** The event's {@code created_at}, or null when the source sent none. */
    Instant createdAt();

    Map<String, Object> data();

    ChangeType type();

    /**
     * The typed event for a feed item.
     *
     * @throws IllegalArgumentException naming the change id and the value when {@code changeType} is not one of
     *                                  {@code added}, {@code changed}, {@code removed}, or {@code innerId} is blank
     */
    static ChangeEvent of(long id, String innerId, String changeType, Instant createdAt, Map<String, Object> data) {
        ChangeType type = ChangeType.fromSource(changeType).orElseThrow(() -> new IllegalArgumentException(
                "change " + id + " has an unknown change_type '" + changeType + "'"));
        Map<String, Object> d = data == null ? Map.of() : data;
        return switch (type) {
            case ADDED -> new Added(id, innerId, createdAt, d);
            case CHANGED -> new Changed(id, innerId, createdAt, d, null);
            case REMOVED -> new Removed(id, innerId, createdAt, d);
        };
    }

    private static String checkInnerId(long id, String innerId) {
        if (innerId == null || innerId.isBlank()) {
            throw new IllegalArgumentException("change " + id + " has no inner_id");
        }
        return innerId;
    }

    /** {@code added}: {@code data} is the full listing. */
    record Added(long id, String innerId, Instant createdAt, Map<String, Object> data) implements ChangeEvent {
        public Added {
            checkInnerId(id, innerId);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ChangeType type() {
            return ChangeType.ADDED;
        }
    }

    /**
     * {@code changed}: {@code data} holds only the changed fields ({@code new_price} …).
     *
     * @param fullListing the listing's full {@code data} as fetched from {@code /offer} when the listing was unknown
     *                    to us (see {@link #withFullListing(Map)}), else null
     */
    record Changed(long id, String innerId, Instant createdAt, Map<String, Object> data,
                   Map<String, Object> fullListing) implements ChangeEvent {
        public Changed {
            checkInnerId(id, innerId);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ChangeType type() {
            return ChangeType.CHANGED;
        }

        /** This event with the listing's full data attached (the answer of {@code /offer?inner_id=}). */
        public Changed withFullListing(Map<String, Object> listing) {
            return new Changed(id, innerId, createdAt, data, listing);
        }
    }

    /** {@code removed}: the listing left the site; {@code data} is usually empty. */
    record Removed(long id, String innerId, Instant createdAt, Map<String, Object> data) implements ChangeEvent {
        public Removed {
            checkInnerId(id, innerId);
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ChangeType type() {
            return ChangeType.REMOVED;
        }
    }
}

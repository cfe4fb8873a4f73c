package com.che168sync.sandbox;

import java.util.Objects;

/**
 * One poisoned item a mirror of the sandbox meets ({@link Sandbox#poisonedItems}), and what a correct mirror does with
 * it.
 *
 * @param endpoint    {@code /offers} (an item of the catalogue), {@code /changes} (an event) or {@code /offer} (the
 *                    detail a mirror fetches for a {@code changed} event of a listing it does not have)
 * @param page        the {@code /offers} page the item is first served on (null on a live site and for the others)
 * @param changeId    the event's id ({@code /changes}), or the id of the event whose {@code /offer} fetch met it
 * @param innerId     the listing (also when the item was sent without it)
 * @param kind        the dirt
 * @param stored      true when the item reaches {@code raw_data} (repaired, or as sent); false when a correct mirror
 *                    cannot store or apply it (no {@code inner_id}; an event whose {@code data} is not an object)
 * @param quarantined true when a correct mirror keeps it in its quarantine (every kind but a huge text, which is
 *                    stored as it is). For the text dirt of an event or of {@code /offer} the rule has one exception:
 *                    a later event of the same {@code /changes} page that replaces the text leaves nothing to repair
 */
public record PoisonedItem(String endpoint, Long page, Long changeId, String innerId, PoisonKind kind, boolean stored,
                           boolean quarantined) {

    public PoisonedItem {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(innerId, "innerId");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * One JSON line: {@code {"endpoint":…,"page":…,"change_id":…,"inner_id":…,"kind":…,"stored":…,"quarantined":…}}.
     */
    public String toJsonLine() {
        return "{\"endpoint\":" + SandboxJson.write(endpoint) + ",\"page\":" + page + ",\"change_id\":" + changeId
                + ",\"inner_id\":" + SandboxJson.write(innerId) + ",\"kind\":" + SandboxJson.write(kind.optionName())
                + ",\"stored\":" + stored + ",\"quarantined\":" + quarantined + "}";
    }
}

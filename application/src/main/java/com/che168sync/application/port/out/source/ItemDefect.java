package com.che168sync.application.port.out.source;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One item of a page ({@code /offers}) or one event ({@code /changes}) that could not be taken as the source sent it.
 * A listing is the unit of failure: the rest of its page is used, and this record is kept (in
 * {@code ingest_quarantine}) with the item's original bytes, so an operator can see what came and why.
 *
 * @param changeId the event's change id, or null (an item of {@code /offers}, or an event without a usable id)
 * @param innerId  the listing concerned, or null when the item does not name one
 * @param reason   what was wrong and what was done, for the operator
 * @param stored   true when the item was still stored (repaired, e.g. without an unreadable {@code created_at});
 *                 false when it was left out
 * @param original the item exactly as received (UTF-8 JSON text as far as it was readable), never null
 */
public record ItemDefect(Long changeId, String innerId, String reason, boolean stored, byte[] original) {
    public ItemDefect {
        Objects.requireNonNull(reason, "reason");
        original = original == null ? new byte[0] : original;
    }

    /** As the main constructor, {@code original} given as text. */
    public static ItemDefect of(Long changeId, String innerId, String reason, boolean stored, String original) {
        return new ItemDefect(changeId, innerId, reason, stored,
                original == null ? null : original.getBytes(StandardCharsets.UTF_8));
    }

    /** Names the item for a log line: {@code listing 123 (change 456)}, {@code change 456}, or {@code an item}. */
    public String subject() {
        if (innerId != null) {
            return "listing " + innerId + (changeId == null ? "" : " (change " + changeId + ")");
        }
        return changeId == null ? "an item without inner_id" : "change " + changeId;
    }
}

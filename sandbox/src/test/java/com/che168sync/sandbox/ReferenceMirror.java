package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An independent, minimal mirror written from docs/rules.md#initial-load, #daily-update, #merge-of-a-changed-event only: it reads what the feed serves (through a
 * {@link Fetcher}) and keeps raw_data rows in memory. Tests compare it with {@link Sandbox#groundTruth}.
 *
 * <p>It takes dirt as docs/ingest.md's quarantine says: an item or event without inner_id (in it or in its data) is
 * left out, an event whose data is not an object too; a {@code /offers} data that is not an object is kept as sent;
 * text is stored repaired (NUL removed, each unpaired surrogate replaced by U+FFFD); a created_at that is not a
 * timestamp is left empty (an event's keeps the row's). Each such item is noted in {@link #quarantine}.
 */
final class ReferenceMirror {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Answers a feed request (path and query under /api/v2/che168) with parsed JSON, or null for a 404. */
    interface Fetcher {
        JsonNode get(String pathAndQuery);
    }

    record Row(Long apiId, JsonNode data, int activeStatus, String changeType, Long lastChangeId, Instant createdAt, String source) {
    }

    final Map<String, Row> rows = new LinkedHashMap<>();
    /** {@code endpoint|change id|inner_id|stored} of every item a mirror quarantines ({@code ?}: no inner_id). */
    final List<String> quarantine = new ArrayList<>();
    long pagesRead;
    long offerFetches;

    void load(Fetcher fetcher) {
        long page = 1;
        while (true) {
            JsonNode doc = fetcher.get("/offers?page=" + page);
            pagesRead++;
            for (JsonNode item : doc.get("result")) {
                JsonNode data = item.get("data");
                String innerId = innerId(item);
                if (innerId == null) {
                    quarantine.add("/offers|null|?|false");
                    continue;
                }
                JsonNode repaired = data.isObject() ? repair(data) : data;
                Instant created = instantOrNull(item.get("created_at").asText());
                if (!repaired.equals(data) || !data.isObject() || created == null) {
                    quarantine.add("/offers|null|" + innerId + "|true");
                }
                rows.putIfAbsent(innerId, new Row(item.get("id").asLong(), repaired, 0, item.get("change_type").asText(), null,
                        created, "initial_load"));
            }
            JsonNode meta = doc.get("meta");
            assertThat(meta).as("meta of page %d", page).isNotNull();
            JsonNode next = meta.get("next_page");
            if (next == null || next.isNull() || next.asLong() == 0) {
                return;
            }
            assertThat(next.asLong()).as("next_page after %d", page).isGreaterThan(page);
            page = next.asLong();
        }
    }

    /** Applies the events of one day: from /change_id?date=day up to (excluding) the first id of the next day. */
    void applyDay(Fetcher fetcher, LocalDate day) {
        long from = fetcher.get("/change_id?date=" + day).get("change_id").asLong();
        long until = fetcher.get("/change_id?date=" + day.plusDays(1)).get("change_id").asLong();
        long cursor = from;
        while (cursor < until) {
            JsonNode doc = fetcher.get("/changes?change_id=" + cursor);
            JsonNode result = doc.get("result");
            if (result.isEmpty()) {
                return;
            }
            for (JsonNode event : result) {
                long id = event.get("id").asLong();
                if (id >= until) {
                    return;
                }
                apply(fetcher, event);
            }
            long next = doc.get("meta").get("next_change_id").asLong();
            assertThat(next).as("next_change_id after %d", cursor).isGreaterThan(cursor);
            cursor = next;
        }
    }

    /**
     * Applies every event the feed serves from {@code cursor} on, until it ends (an empty page); returns the cursor to
     * go on from (the last event's id + 1, or {@code cursor} when none was served).
     */
    long applyToTheEnd(Fetcher fetcher, long cursor) {
        while (true) {
            JsonNode doc = fetcher.get("/changes?change_id=" + cursor);
            JsonNode result = doc.get("result");
            if (result.isEmpty()) {
                return cursor;
            }
            for (JsonNode event : result) {
                apply(fetcher, event);
            }
            cursor = doc.get("meta").get("next_change_id").asLong();
        }
    }

    private void apply(Fetcher fetcher, JsonNode event) {
        long id = event.get("id").asLong();
        JsonNode data = event.get("data");
        String innerId = innerId(event);
        if (innerId == null) {
            quarantine.add("/changes|" + id + "|?|false");
            return;
        }
        if (data != null && !data.isObject() && !(data.isArray() && data.isEmpty())) {
            quarantine.add("/changes|" + id + "|" + innerId + "|false");
            return;
        }
        String type = event.get("change_type").asText();
        Instant at = instantOrNull(event.get("created_at").asText());
        Row row = rows.get(innerId);
        if (row != null && row.lastChangeId() != null && id <= row.lastChangeId()) {
            return;
        }
        if (at == null) {
            quarantine.add("/changes|" + id + "|" + innerId + "|true");
            at = row == null ? null : row.createdAt();
        }
        Row next = switch (type) {
            case "added" -> new Row(row == null ? null : row.apiId(), data, 0, type, id, at,
                    row == null ? "daily_update" : row.source());
            case "changed" -> {
                if (row == null) {
                    JsonNode offer = fetchOffer(fetcher, innerId);
                    ObjectNode base = offer == null ? MAPPER.createObjectNode() : (ObjectNode) offer.deepCopy();
                    JsonNode merged = merge(base, data == null ? null : repair(data));
                    if (!repair(merged).equals(merged)) {
                        quarantine.add("/offer|" + id + "|" + innerId + "|true"); // /offer's own dirt
                    }
                    yield new Row(null, merged, 0, type, id, at, "daily_update");
                }
                ObjectNode stored = row.data() instanceof ObjectNode o ? o.deepCopy() : MAPPER.createObjectNode();
                yield new Row(row.apiId(), merge(stored, data), row.activeStatus(), type, id, at, row.source());
            }
            case "removed" -> row == null
                    ? new Row(null, MAPPER.createObjectNode(), 1, type, id, at, "daily_update")
                    : new Row(row.apiId(), row.data().isObject() ? row.data() : MAPPER.createObjectNode(), 1, type, id,
                            at, row.source());
            default -> throw new AssertionError("unknown change_type " + type);
        };
        if (data != null && !repair(data).equals(data)) {
            quarantine.add("/changes|" + id + "|" + innerId + "|true");
        }
        JsonNode repaired = repair(next.data());
        rows.put(innerId, new Row(next.apiId(), repaired, next.activeStatus(), next.changeType(), next.lastChangeId(),
                next.createdAt(), next.source()));
    }

    /** The item's or event's inner_id, else its data's; null when blank or absent. */
    private static String innerId(JsonNode item) {
        JsonNode id = item.get("inner_id");
        if (id == null || id.asText().isBlank()) {
            JsonNode data = item.get("data");
            id = data != null && data.isObject() ? data.get("inner_id") : null;
        }
        return id == null || id.asText().isBlank() ? null : id.asText().strip();
    }

    /** Text values with NUL removed and unpaired surrogates replaced by U+FFFD, recursively. */
    static JsonNode repair(JsonNode node) {
        if (node.isTextual()) {
            String t = node.asText();
            StringBuilder b = new StringBuilder(t.length());
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == 0) {
                    continue;
                }
                if (Character.isHighSurrogate(c) && i + 1 < t.length() && Character.isLowSurrogate(t.charAt(i + 1))) {
                    b.append(c).append(t.charAt(++i));
                } else {
                    b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
                }
            }
            return b.length() == t.length() && b.toString().equals(t) ? node : MAPPER.getNodeFactory().textNode(b.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            node.fields().forEachRemaining(f -> copy.set(f.getKey(), repair(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            var copy = MAPPER.createArrayNode();
            node.forEach(e -> copy.add(repair(e)));
            return copy;
        }
        return node;
    }

    private JsonNode fetchOffer(Fetcher fetcher, String innerId) {
        offerFetches++;
        JsonNode offer = fetcher.get("/offer?inner_id=" + innerId);
        if (offer == null) {
            return null;
        }
        if (offer.has("result")) {
            JsonNode result = offer.get("result");
            return result.isEmpty() ? null : result.get(0).get("data");
        }
        return offer;
    }

    private static ObjectNode merge(ObjectNode stored, JsonNode change) {
        if (change == null) {
            return stored;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = change.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = f.getKey().startsWith("new_") ? f.getKey().substring(4) : f.getKey();
            stored.set(key, f.getValue());
        }
        return stored;
    }

    static Instant instant(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    static Instant instantOrNull(String text) {
        try {
            return instant(text);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /**
     * Reads the catalogue, then every day of the sandbox's calendar, and checks the rows against the ground truth
     * after the load and after each day.
     */
    void replayAndCheck(Fetcher fetcher, Sandbox sandbox) {
        load(fetcher);
        assertMatches(sandbox.initialGroundTruth());
        for (SandboxCalendar.ChangeDay day : sandbox.calendar().days()) {
            applyDay(fetcher, day.date());
            assertMatches(sandbox.groundTruth(day.date()));
        }
    }

    /** Asserts that the rows equal the ground truth exactly (same inner ids, every field). */
    void assertMatches(Stream<GroundTruthEntry> truth) {
        List<String> mismatches = new ArrayList<>();
        Map<String, Row> remaining = new LinkedHashMap<>(rows);
        truth.forEach(e -> {
            Row row = remaining.remove(e.innerId());
            if (row == null) {
                mismatches.add("missing in mirror: " + e.innerId());
                return;
            }
            JsonNode expected;
            try {
                expected = MAPPER.readTree(e.dataJson());
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
            if (!expected.equals(row.data())) {
                mismatches.add(e.innerId() + " data differs: truth " + e.dataJson() + " mirror " + row.data());
            }
            if (!java.util.Objects.equals(e.apiId(), row.apiId()) || e.activeStatus() != row.activeStatus() || !e.changeType().equals(row.changeType())
                    || !java.util.Objects.equals(e.lastChangeId(), row.lastChangeId())
                    || !java.util.Objects.equals(e.createdAt(), row.createdAt()) || !e.source().equals(row.source())) {
                mismatches.add(e.innerId() + " row differs: truth " + e.activeStatus() + "/" + e.changeType() + "/"
                        + e.lastChangeId() + "/" + e.createdAt() + "/" + e.source() + " mirror " + row.activeStatus() + "/"
                        + row.changeType() + "/" + row.lastChangeId() + "/" + row.createdAt() + "/" + row.source());
            }
        });
        remaining.keySet().forEach(id -> mismatches.add("only in mirror: " + id));
        assertThat(mismatches).as("differences between the reference mirror and the ground truth").isEmpty();
    }
}

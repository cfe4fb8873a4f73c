package com.che168sync.adapter.che168;

import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the small endpoints ({@code /change_id}, {@code /changes}, {@code /offer}, {@code /filters}) into plain
 * Java values (Map, List, String, Integer/Long/BigInteger, BigDecimal, Boolean, null). Decimals stay
 * {@link java.math.BigDecimal}, so {@code 1.4} is written back as {@code 1.4}. Syntax errors surface as
 * {@link IOException}s for the caller to map; contract breaches as {@link SourceMalformedResponseException}.
 */
final class FeedReader {
    private final ObjectMapper mapper;

    FeedReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static ObjectMapper plainMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** {@code {"change_id": 892145}}, the id also accepted as a string or inside a {@code result} object. */
    long firstChangeId(byte[] body, LocalDate date) throws IOException {
        String where = "/change_id?date=" + date;
        Map<String, Object> root = object(body, where);
        Object value = root.get("change_id");
        if (value == null && root.get("result") instanceof Map<?, ?> result) {
            value = result.get("change_id");
        }
        Long id = JsonValues.longValue(value);
        if (id == null || id <= 0) {
            throw new SourceMalformedResponseException(where + ": no usable change_id in the response (got "
                    + (value == null ? "nothing" : "'" + abbreviate(String.valueOf(value)) + "'") + ")");
        }
        return id;
    }

    /**
     * A page of the change feed. End of feed: an empty {@code result}, or {@code next_change_id} null/0/absent.
     * A non-empty page must carry {@code meta}, and its {@code next_change_id} must advance past the request.
     */
    ChangePage changes(byte[] body, long changeId) throws IOException {
        String where = "/changes?change_id=" + changeId;
        Map<String, Object> root = object(body, where);
        Object result = root.get("result");
        if (!(result instanceof List<?> items)) {
            throw new SourceMalformedResponseException(where + ": the response has no 'result' array");
        }
        List<SourceChange> events = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            events.add(change(items.get(i), where + ": result[" + i + "]"));
        }
        if (events.isEmpty()) {
            return new ChangePage(changeId, events, null);
        }
        if (!(root.get("meta") instanceof Map<?, ?> meta)) {
            throw new SourceMalformedResponseException(where + ": a page of " + events.size()
                    + " events without a 'meta' object (no cursor to follow)");
        }
        Object rawNext = meta.get("next_change_id");
        Long next = JsonValues.longValue(rawNext);
        if (rawNext != null && next == null) {
            throw new SourceMalformedResponseException(where + ": meta.next_change_id is not a number: '"
                    + abbreviate(String.valueOf(rawNext)) + "'");
        }
        if (next != null && next == 0) {
            next = null;
        }
        if (next != null && next <= changeId) {
            throw new SourceMalformedResponseException(where + ": the change cursor stalled (next_change_id "
                    + next + " does not advance past " + changeId + " on a page of " + events.size()
                    + " events; refusing to loop)");
        }
        return new ChangePage(changeId, events, next);
    }

    private SourceChange change(Object item, String where) {
        if (!(item instanceof Map<?, ?> event)) {
            throw new SourceMalformedResponseException(where + " is not an object");
        }
        Long id = JsonValues.longValue(event.get("id"));
        if (id == null) {
            throw new SourceMalformedResponseException(where + " has no numeric id");
        }
        Object data = event.get("data");
        Map<String, Object> dataMap = dataObject(data, where + " (change " + id + ")");
        String innerId = JsonValues.idText(event.get("inner_id"));
        if (innerId == null) {
            innerId = JsonValues.idText(dataMap.get("inner_id"));
        }
        if (innerId == null) {
            throw new SourceMalformedResponseException(where + " (change " + id + ") has no inner_id");
        }
        Object type = event.get("change_type");
        Object created = event.get("created_at");
        return new SourceChange(id, innerId, type instanceof String s ? s : null,
                created instanceof String s ? JsonValues.timestamp(s) : null, dataMap);
    }

    /**
     * One listing's {@code data} from {@code /offer}: bare, or wrapped like {@code /offers} ({@code result} as an
     * array or an object, each item with or without a {@code data} member). An empty {@code result} is "not
     * found". A listing whose own {@code inner_id} differs from the one asked for is refused.
     */
    Optional<Map<String, Object>> offer(byte[] body, String innerId) throws IOException {
        String where = "/offer?inner_id=" + innerId;
        Map<String, Object> root = object(body, where);
        Map<String, Object> listing;
        if (root.containsKey("result")) {
            Object result = root.get("result");
            Object item;
            if (result instanceof List<?> list) {
                if (list.isEmpty()) {
                    return Optional.empty();
                }
                item = list.get(0);
                for (Object candidate : list) {
                    if (candidate instanceof Map<?, ?> m && innerId.equals(JsonValues.idText(m.get("inner_id")))) {
                        item = candidate;
                        break;
                    }
                }
            } else if (result == null) {
                return Optional.empty();
            } else {
                item = result;
            }
            listing = unwrapItem(item, where);
        } else {
            listing = unwrapItem(root, where);
        }
        String listed = JsonValues.idText(listing.get("inner_id"));
        if (listed != null && !listed.equals(innerId)) {
            throw new SourceMalformedResponseException(where + ": the source answered with listing " + listed);
        }
        return Optional.of(Collections.unmodifiableMap(listing));
    }

    private Map<String, Object> unwrapItem(Object item, String where) {
        if (!(item instanceof Map<?, ?> map)) {
            throw new SourceMalformedResponseException(where + ": the listing is not an object");
        }
        boolean isItem = map.get("data") instanceof Map<?, ?>
                && (map.containsKey("change_type") || map.containsKey("created_at") || map.containsKey("id"));
        return dataObject(isItem ? map.get("data") : map, where);
    }

    /** {@code /filters} as plain Java values; a {@code result} object wrapper is tolerated. */
    Map<String, Object> filters(byte[] body) throws IOException {
        Map<String, Object> root = object(body, "/filters");
        if (root.size() == 1 && root.get("result") instanceof Map<?, ?> result) {
            return Collections.unmodifiableMap(asStringMap(result));
        }
        return Collections.unmodifiableMap(root);
    }

    private Map<String, Object> object(byte[] body, String where) throws IOException {
        Object value = mapper.readValue(body, Object.class);
        if (!(value instanceof Map<?, ?> map)) {
            throw new SourceMalformedResponseException(where + ": the body is not a JSON object");
        }
        return asStringMap(map);
    }

    /** {@code data}: an object, or {} for null, absent or an empty array (a PHP empty array). */
    private static Map<String, Object> dataObject(Object data, String where) {
        if (data == null || data instanceof List<?> list && list.isEmpty()) {
            return Map.of();
        }
        if (!(data instanceof Map<?, ?> map)) {
            throw new SourceMalformedResponseException(where + ": 'data' is not an object");
        }
        return Collections.unmodifiableMap(asStringMap(map));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Map<?, ?> map) {
        return (Map<String, Object>) map; // Jackson's untyped maps always have String keys
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

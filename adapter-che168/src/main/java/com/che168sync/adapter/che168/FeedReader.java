package com.che168sync.adapter.che168;

import com.che168sync.application.port.out.source.ChangePage;
import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.SourceChange;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.che168sync.domain.offer.ChangeType;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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

    /** Reads one value inside a body (an event, {@code meta}): what follows it is the body's business. */
    private final ObjectReader valueReader;

    FeedReader(ObjectMapper mapper) {
        this.mapper = mapper;
        this.valueReader = mapper.readerFor(Object.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    static ObjectMapper plainMapper() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /**
     * {@code {"change_id": 892145}}, the id also accepted as a string or inside a {@code result} object. {@code 0},
     * {@code null} or no {@code change_id} at all is the feed saying it has no such day (the official SDKs test for
     * 0): returned as 0. A value that is not a number is a malformed answer.
     */
    long firstChangeId(byte[] body, LocalDate date) throws IOException {
        String where = "/change_id?date=" + date;
        Map<String, Object> root = object(body, where);
        Object value = root.get("change_id");
        if (value == null && root.get("result") instanceof Map<?, ?> result) {
            value = result.get("change_id");
        }
        if (value == null) {
            return 0;
        }
        Long id = FeedValues.longValue(value);
        if (id == null || id < 0) {
            throw new SourceMalformedResponseException(where + ": no usable change_id in the response (got "
                    + (value == null ? "nothing" : "'" + abbreviate(String.valueOf(value)) + "'") + ")");
        }
        return id;
    }

    /**
     * A page of the change feed. End of feed: an empty {@code result}, or {@code next_change_id} null/0/absent.
     * A non-empty page must carry {@code meta}, and its {@code next_change_id} must advance past the request. An
     * event that cannot be applied as sent becomes an {@link ItemDefect} with its exact bytes and the page goes on
     * (see {@link #event}).
     */
    ChangePage changes(byte[] body, long changeId) throws IOException {
        String where = "/changes?change_id=" + changeId;
        List<SourceChange> events = new ArrayList<>(20);
        List<ItemDefect> defects = new ArrayList<>(0);
        boolean resultSeen = false;
        Object meta = null;
        try (JsonParser p = mapper.getFactory().createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SourceUnavailableException(where + ": the source sent an empty body", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new SourceMalformedResponseException(where + ": the body is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("result") && value == JsonToken.START_ARRAY) {
                    resultSeen = true;
                    int position = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        long start = p.currentTokenLocation().getByteOffset();
                        Object item = valueReader.readValue(p);
                        long end = p.currentLocation().getByteOffset();
                        if (start < 0 || end <= start || end > body.length) {
                            throw new IllegalStateException("parser offsets unavailable: " + start + ".." + end);
                        }
                        event(item, Arrays.copyOfRange(body, (int) start, (int) end),
                                where + ": result[" + position++ + "]", events, defects);
                    }
                } else if (field.equals("meta")) {
                    meta = valueReader.readValue(p);
                } else {
                    p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new SourceUnavailableException(where + ": content after the JSON object (a broken body)", null);
            }
        }
        if (!resultSeen) {
            throw new SourceMalformedResponseException(where + ": the response has no 'result' array");
        }
        int items = events.size() + defects.size();
        if (items == 0) {
            return new ChangePage(changeId, events, null);
        }
        if (!(meta instanceof Map<?, ?> m)) {
            throw new SourceMalformedResponseException(where + ": a page of " + items
                    + " events without a 'meta' object (no cursor to follow)");
        }
        Object rawNext = m.get("next_change_id");
        Long next = FeedValues.longValue(rawNext);
        if (rawNext != null && next == null) {
            throw new SourceMalformedResponseException(where + ": meta.next_change_id is not a number: '"
                    + abbreviate(String.valueOf(rawNext)) + "'");
        }
        if (next != null && next == 0) {
            next = null;
        }
        if (next != null && next <= changeId) {
            throw new SourceMalformedResponseException(where + ": the change cursor stalled (next_change_id "
                    + next + " does not advance past " + changeId + " on a page of " + items
                    + " events; refusing to loop)");
        }
        return new ChangePage(changeId, events, next, defects);
    }

    /**
     * One event into {@code events}, or into {@code defects} when it cannot be applied as sent: not an object, no
     * numeric id, no (or an over-long) inner_id, an unknown change_type, a {@code data} that is not an object (all
     * left out); a {@code created_at} that is not a timestamp (applied without it, and noted).
     */
    private static void event(Object item, byte[] original, String where, List<SourceChange> events,
            List<ItemDefect> defects) {
        if (!(item instanceof Map<?, ?> event)) {
            defects.add(new ItemDefect(null, null, where + " is not an object; left out", false, original));
            return;
        }
        Long id = FeedValues.longValue(event.get("id"));
        Object data = event.get("data");
        boolean dataOk = data == null || data instanceof Map<?, ?> || data instanceof List<?> list && list.isEmpty();
        Map<String, Object> dataMap = data instanceof Map<?, ?> map ? Collections.unmodifiableMap(asStringMap(map))
                : Map.of();
        String innerId = FeedValues.idText(event.get("inner_id"));
        if (innerId == null) {
            innerId = FeedValues.idText(dataMap.get("inner_id"));
        }
        Object type = event.get("change_type");
        String changeType = type instanceof String s ? s : null;
        String problem = null;
        if (id == null) {
            problem = " has no numeric id";
        } else if (innerId == null) {
            problem = " (change " + id + ") has no inner_id";
        } else if (innerId.length() > OffersPageReader.MAX_INNER_ID) {
            problem = " (change " + id + ") has an inner_id longer than " + OffersPageReader.MAX_INNER_ID
                    + " characters";
        } else if (ChangeType.fromSource(changeType).isEmpty()) {
            problem = " (change " + id + ") has an unknown change_type '" + abbreviate(String.valueOf(type)) + "'";
        } else if (!dataOk) {
            problem = " (change " + id + "): 'data' is not an object";
        }
        if (problem != null) {
            String named = innerId == null || innerId.length() > OffersPageReader.MAX_INNER_ID ? null : innerId;
            defects.add(new ItemDefect(id, named, where + problem + "; left out", false, original));
            return;
        }
        Object created = event.get("created_at");
        Instant createdAt = created instanceof String s ? FeedValues.timestamp(s) : null;
        if (createdAt == null && created != null && !(created instanceof String s && s.isBlank())) {
            defects.add(new ItemDefect(id, innerId, where + " (change " + id + "): created_at '"
                    + abbreviate(String.valueOf(created)) + "' is not a timestamp (applied without it)", true,
                    original));
        }
        events.add(new SourceChange(id, innerId, changeType, createdAt, dataMap));
    }

    /**
     * One listing's {@code data} from {@code /offer}: bare, or wrapped like {@code /offers} ({@code result} as an
     * array or an object, each item with or without a {@code data} member). An empty {@code result} is "not
     * found". A listing whose own {@code inner_id} differs from the one asked for is refused.
     */
    Optional<Map<String, Object>> offer(byte[] body, String innerId) throws IOException {
        return offerAnswer(body, innerId).map(OfferAnswer::data);
    }

    /** A {@code /offer} answer: the listing's data, and the {@code change_type} of a wrapped item (else null). */
    record OfferAnswer(Map<String, Object> data, String changeType) {
    }

    /** {@code /offer}, bare or wrapped like {@code /offers}; empty for an empty or null {@code result}. */
    Optional<OfferAnswer> offerAnswer(byte[] body, String innerId) throws IOException {
        String where = "/offer?inner_id=" + innerId;
        Map<String, Object> root = object(body, where);
        Object item;
        if (root.containsKey("result")) {
            Object result = root.get("result");
            if (result instanceof List<?> list) {
                if (list.isEmpty()) {
                    return Optional.empty();
                }
                item = list.get(0);
                for (Object candidate : list) {
                    if (candidate instanceof Map<?, ?> m && innerId.equals(FeedValues.idText(m.get("inner_id")))) {
                        item = candidate;
                        break;
                    }
                }
            } else if (result == null) {
                return Optional.empty();
            } else {
                item = result;
            }
        } else {
            item = root;
        }
        Map<String, Object> listing = unwrapItem(item, where);
        String listed = FeedValues.idText(listing.get("inner_id"));
        if (listed != null && !listed.equals(innerId)) {
            throw new SourceMalformedResponseException(where + ": the source answered with listing " + listed);
        }
        String changeType = item instanceof Map<?, ?> m && m.get("data") instanceof Map<?, ?>
                && m.get("change_type") instanceof String t ? t : null;
        return Optional.of(new OfferAnswer(Collections.unmodifiableMap(listing), changeType));
    }

    /** The data as compact JSON text (decimals as received). */
    String json(Map<String, Object> data) throws IOException {
        return mapper.writeValueAsString(data);
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

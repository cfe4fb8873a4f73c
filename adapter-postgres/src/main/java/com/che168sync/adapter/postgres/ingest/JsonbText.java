package com.che168sync.adapter.postgres.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** jsonb text ⇄ plain Java values; decimals stay exact ({@code BigDecimal}), so a round trip never changes a number. */
final class JsonbText {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private JsonbText() {
    }

    static Map<String, Object> parse(String text) {
        try {
            return MAPPER.readValue(text, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("raw_data.data is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * A stored listing's data: an object as its map; any other JSON value (stored as the source sent it) as an empty
     * map, so a change event's fields replace it.
     */
    static Map<String, Object> parseListing(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                return parse(text);
            }
            if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return new LinkedHashMap<>();
    }

    static String write(Map<String, Object> value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("listing data cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}

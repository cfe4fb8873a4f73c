package com.che168sync.domain.normalize;

import com.che168sync.domain.json.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The source's payload fixtures (copied from shared/fixtures/source), read with the domain's own JSON reader. */
final class Fixtures {
    private Fixtures() {
    }

    static String text(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String resource) {
        return JsonValues.parseObject(text(resource));
    }

    /** The {@code data} of the item with this inner_id in a {@code result[]} payload. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> listing(String resource, String innerId) {
        for (Object item : (List<Object>) json(resource).get("result")) {
            Map<String, Object> m = (Map<String, Object>) item;
            if (innerId.equals(m.get("inner_id")) && m.get("data") instanceof Map<?, ?> data) {
                return (Map<String, Object>) data;
            }
        }
        throw new IllegalArgumentException(innerId + " not in " + resource);
    }

    /** The {@code data} of the change event with this id. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> event(long id) {
        for (Object item : (List<Object>) json("source/changes-page.json").get("result")) {
            Map<String, Object> m = (Map<String, Object>) item;
            if (((Number) m.get("id")).longValue() == id) {
                return (Map<String, Object>) m.getOrDefault("data", Map.of());
            }
        }
        throw new IllegalArgumentException("event " + id);
    }
}

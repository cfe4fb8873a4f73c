package com.che168sync.adapter.che168;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A realistic full {@code /offers} page (20 listings of ~4 KB, compact JSON) built from the fixture listings. */
final class BenchPages {
    private BenchPages() {
    }

    /** A whole page: {@code {"meta": …, "result": [20 items]}}. */
    static byte[] page(int page, int nextPage) {
        byte[] head = head(page, nextPage == 0 ? null : nextPage);
        byte[] tail = tail(page);
        byte[] body = new byte[head.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, head.length, tail.length);
        return body;
    }

    /** {@code {"meta":{"page":N,"next_page":M,"limit":20},} — a page's start, to put before a {@link #tail}. */
    static byte[] head(int page, Integer nextPage) {
        return ("{\"meta\":{\"page\":" + page + ",\"next_page\":" + nextPage + ",\"limit\":20},")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code "result":[…20 listings…]}} with ids derived from {@code seed}. */
    static byte[] tail(int seed) {
        int page = seed;
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode fixture = json.readTree(Fixtures.bytes("offers-page-1.json"));
            ArrayNode items = json.createArrayNode();
            for (int i = 0; i < 20; i++) {
                ObjectNode item = fixture.get("result").get(i % 3).deepCopy();
                String innerId = Long.toString(60_000_000L + page * 20L + i);
                item.put("id", page * 20L + i);
                item.put("inner_id", innerId);
                ObjectNode data = (ObjectNode) item.get("data");
                data.put("inner_id", innerId);
                // pad the description to the real average listing size (~4 KB)
                data.put("description", data.path("description").asText() + " 车况精品，欢迎到店看车。".repeat(55));
                items.add(item);
            }
            String result = json.writeValueAsString(items);
            return ("\"result\":" + result + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

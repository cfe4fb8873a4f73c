package com.che168sync.adapter.che168;

import com.che168sync.application.port.out.source.ItemDefect;
import com.che168sync.application.port.out.source.OfferPage;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.che168sync.application.port.out.source.SourceOffer;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@code /offers} page with Jackson's streaming parser over the body bytes. Each item's {@code data}
 * object is handed on as the exact byte range it occupies in the body (decoded as UTF-8), so no tree is built
 * and nothing is re-serialised: the page costs one tokenising pass.
 *
 * <p>Tolerated: {@code next_page} null, 0 or absent (last page); ids and page numbers as strings; {@code data}
 * null, absent or an empty array ({@code {}}); an item {@code inner_id} missing but present in {@code data};
 * unknown keys anywhere. Refused ({@link SourceMalformedResponseException}): no {@code meta} object, no
 * {@code result} array, {@code next_page} not after the page asked for, {@code meta.page} naming another page.
 * A bad item never refuses the page: it becomes an {@link ItemDefect} (see {@code readItems}). Syntax errors (a
 * truncated body) surface as {@link IOException}s for the caller to map.
 */
final class OffersPageReader {
    private final JsonFactory factory;

    OffersPageReader(JsonFactory factory) {
        this.factory = factory;
    }

    OfferPage read(byte[] body, int requestedPage) throws IOException {
        String where = "/offers?page=" + requestedPage;
        try (JsonParser p = factory.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new SourceUnavailableException(where + ": the source sent an empty body", null);
            }
            if (first != JsonToken.START_OBJECT) {
                throw new SourceMalformedResponseException(where + ": the body is not a JSON object");
            }
            List<SourceOffer> offers = null;
            List<ItemDefect> defects = new ArrayList<>(0);
            boolean metaSeen = false;
            Long metaPage = null;
            Long nextPage = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "result" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new SourceMalformedResponseException(where + ": 'result' is not an array");
                        }
                        offers = readItems(p, body, where, defects);
                    }
                    case "meta" -> {
                        if (value != JsonToken.START_OBJECT) {
                            p.skipChildren(); // null or a scalar: treated as no meta
                            break;
                        }
                        metaSeen = true;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            if (name.equals("page")) {
                                metaPage = scalarLong(p, v);
                            } else if (name.equals("next_page")) {
                                if (v != JsonToken.VALUE_NULL) {
                                    nextPage = scalarLong(p, v);
                                    if (nextPage == null) {
                                        throw new SourceMalformedResponseException(
                                                where + ": meta.next_page is not a number: " + p.getText());
                                    }
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new SourceMalformedResponseException(where + ": content after the JSON object");
            }
            if (!metaSeen) {
                throw new SourceMalformedResponseException(where + ": the response has no 'meta' object");
            }
            if (offers == null) {
                throw new SourceMalformedResponseException(where + ": the response has no 'result' array");
            }
            if (metaPage != null && metaPage != requestedPage) {
                throw new SourceMalformedResponseException(
                        where + ": meta.page is " + metaPage + ", not the page asked for");
            }
            Integer next = null;
            if (nextPage != null && nextPage != 0) {
                if (nextPage <= requestedPage) {
                    throw new SourceMalformedResponseException(where + ": meta.next_page " + nextPage
                            + " does not advance past page " + requestedPage + " (refusing to loop)");
                }
                if (nextPage > Integer.MAX_VALUE) {
                    throw new SourceMalformedResponseException(where + ": meta.next_page " + nextPage + " is out of range");
                }
                next = nextPage.intValue();
            }
            return new OfferPage(requestedPage, offers, next, defects);
        }
    }

    /**
     * The items of {@code result}. An item that cannot be taken as sent becomes an {@link ItemDefect} with its exact
     * bytes, and the page goes on: not an object, no {@code inner_id} or no numeric {@code id} (left out); a
     * {@code data} that is not an object (kept as sent: PostgreSQL stores any JSON value, the normalizer flags it);
     * a {@code created_at} that is not a timestamp (kept without it).
     */
    private static List<SourceOffer> readItems(JsonParser p, byte[] body, String where, List<ItemDefect> defects)
            throws IOException {
        List<SourceOffer> offers = new ArrayList<>(20);
        JsonToken t;
        int position = -1;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            position++;
            int itemStart = offset(p.currentTokenLocation().getByteOffset(), body);
            if (t != JsonToken.START_OBJECT) {
                if (t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                defects.add(new ItemDefect(null, null, where + ": result[" + position + "] is not an object; left out",
                        false, Arrays.copyOfRange(body, itemStart, offset(p.currentLocation().getByteOffset(), body))));
                continue;
            }
            Long apiId = null;
            String innerId = null;
            String changeType = null;
            Instant createdAt = null;
            String badCreatedAt = null;
            String dataJson = null;
            String dataInnerId = null;
            boolean dataNotObject = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> apiId = scalarLong(p, value);
                    case "inner_id" -> innerId = scalarId(p, value);
                    case "change_type" -> changeType = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "created_at" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            createdAt = FeedValues.timestamp(p.getText());
                            if (createdAt == null && !p.getText().isBlank()) {
                                badCreatedAt = p.getText();
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            p.skipChildren();
                            badCreatedAt = "a JSON " + value.asString();
                        }
                    }
                    case "data" -> {
                        long start = p.currentTokenLocation().getByteOffset();
                        if (value == JsonToken.START_OBJECT) {
                            dataInnerId = scanObject(p);
                        } else if (value == JsonToken.VALUE_NULL) {
                            dataJson = "{}";
                        } else if (value == JsonToken.START_ARRAY) {
                            JsonToken element = p.nextToken();
                            if (element == JsonToken.END_ARRAY) {
                                dataJson = "{}"; // an empty PHP array standing for {}
                            } else {
                                for (; element != JsonToken.END_ARRAY; element = p.nextToken()) {
                                    p.skipChildren();
                                }
                                dataNotObject = true;
                            }
                        } else {
                            p.finishToken();
                            dataNotObject = true;
                        }
                        if (dataJson == null) {
                            long end = p.currentLocation().getByteOffset();
                            if (start < 0 || end <= start || end > body.length) {
                                throw new IllegalStateException("parser offsets unavailable: " + start + ".." + end);
                            }
                            dataJson = new String(body, (int) start, (int) (end - start), StandardCharsets.UTF_8);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (innerId == null) {
                innerId = dataInnerId;
            }
            String item = where + ": result[" + position + "]";
            if (innerId == null || apiId == null || innerId.length() > MAX_INNER_ID) {
                String reason = innerId == null ? " has no inner_id"
                        : innerId.length() > MAX_INNER_ID ? " has an inner_id longer than " + MAX_INNER_ID
                                + " characters" : " (inner_id " + innerId + ") has no numeric id";
                defects.add(new ItemDefect(null, innerId != null && innerId.length() > MAX_INNER_ID
                        ? innerId.substring(0, MAX_INNER_ID) + "…" : innerId, item + reason + "; left out", false,
                        Arrays.copyOfRange(body, itemStart, offset(p.currentLocation().getByteOffset(), body))));
                continue;
            }
            List<String> repairs = new ArrayList<>(0);
            if (dataNotObject) {
                repairs.add("data is not a JSON object (stored as sent, for the normalizer to flag)");
            }
            if (badCreatedAt != null) {
                repairs.add("created_at '" + abbreviate(badCreatedAt) + "' is not a timestamp (stored without it)");
            }
            if (!repairs.isEmpty()) {
                defects.add(new ItemDefect(null, innerId, item + ": " + String.join("; ", repairs), true,
                        Arrays.copyOfRange(body, itemStart, offset(p.currentLocation().getByteOffset(), body))));
            }
            offers.add(new SourceOffer(apiId, innerId, changeType, createdAt, dataJson == null ? "{}" : dataJson));
        }
        return offers;
    }

    /** An inner_id longer than raw_data.inner_id holds cannot be stored. */
    static final int MAX_INNER_ID = 64;

    private static int offset(long offset, byte[] body) {
        if (offset < 0 || offset > body.length) {
            throw new IllegalStateException("parser offset unavailable: " + offset);
        }
        return (int) offset;
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** Walks an object the parser just entered, skipping nested values; returns its top-level inner_id, if any. */
    private static String scanObject(JsonParser p) throws IOException {
        String innerId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean isInnerId = "inner_id".equals(p.currentName());
            JsonToken value = p.nextToken();
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else if (isInnerId) {
                innerId = scalarId(p, value);
            }
        }
        return innerId;
    }

    private static Long scalarLong(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : p.getLongValue();
            case VALUE_STRING -> FeedValues.longValue(p.getText());
            case VALUE_NUMBER_FLOAT -> FeedValues.longValue(p.getDecimalValue());
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield null;
            }
            default -> null;
        };
    }

    private static String scalarId(JsonParser p, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> FeedValues.idText(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> FeedValues.idText(p.getDecimalValue());
            case START_OBJECT, START_ARRAY -> {
                p.skipChildren();
                yield null;
            }
            default -> null;
        };
    }
}

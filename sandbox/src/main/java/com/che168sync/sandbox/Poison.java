package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.util.RawValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which items carry which dirt ({@link FeedDirt#poisonRate()}), how it is sent and what a correct mirror stores from
 * it. Every decision is a pure function of (seed, stream, listing key or change id). Text dirt goes into
 * {@code data.description} (a {@code changed} event without one gets one): sent as the raw JSON escapes
 * ({@code \u0000}, {@code \ud800}, {@code \udc00\ud800}), stored as a correct mirror repairs it (NUL removed, each
 * unpaired surrogate replaced by U+FFFD).
 */
final class Poison {
    /** About 2 MB of UTF-8 (3 bytes a character). */
    static final int HUGE_CHARS = 700_000;
    /** The text a {@code changed} event without a description gets its dirt in. */
    static final String EVENT_TEXT = "价格已调整，急售";
    private static final String[] BAD_TIMESTAMPS = {"0000-00-00 00:00:00", "вчера", "2026-13-45T25:61:00Z"};
    private static volatile String huge;

    private final long seed;
    private final double rate;
    private final PoisonKind[] kinds;

    Poison(long seed, FeedDirt dirt) {
        this.seed = seed;
        this.rate = dirt.poisonRate();
        this.kinds = dirt.poisonKinds().stream().sorted().toArray(PoisonKind[]::new);
    }

    /** The dirt of the {@code /offers} item of a listing (both appearances on a repeat page), or null. */
    PoisonKind ofItem(long key) {
        return decide(Rng.POISON, key, null);
    }

    /** The dirt of a change event, or null; a {@code removed} event's data is not stored, so it gets no text dirt. */
    PoisonKind ofEvent(long changeId, boolean removed) {
        return decide(Rng.POISON_EVENT, changeId, removed ? Boolean.FALSE : null);
    }

    /** The dirt of a listing's {@code /offer} answer (text kinds only), or null. */
    PoisonKind ofOffer(long key) {
        return decide(Rng.POISON_OFFER, key, Boolean.TRUE);
    }

    /**
     * @param text null: any kind; true: text kinds only; false: the others only. A huge text goes only to ids that are
     *             multiples of 4 (a 20-item page stays far below a client's body limit); other ids drawing it take the
     *             next kind that fits, or none.
     */
    private PoisonKind decide(long stream, long id, Boolean text) {
        if (rate <= 0 || Rng.unit(Rng.hash(seed, stream, id)) >= rate) {
            return null;
        }
        int n = kinds.length;
        int start = (int) Math.floorMod(Rng.hash(seed, stream, ~id), (long) n);
        for (int i = 0; i < n; i++) {
            PoisonKind k = kinds[(start + i) % n];
            boolean fits = (text == null || k.inText() == text) && (k != PoisonKind.HUGE_TEXT || Math.floorMod(id, 4) == 0);
            if (fits) {
                return k;
            }
        }
        return null;
    }

    private int variant(long stream, long id) {
        return (int) Math.floorMod(Rng.hash(seed, stream, id ^ 0x5A5A5A5AL), 1_000_000L);
    }

    /**
     * Puts the dirt into an item or event about to be served ({@code id}, {@code inner_id}, {@code created_at},
     * {@code data} members); its {@code data} map is replaced, never changed in place.
     */
    void send(Map<String, Object> item, PoisonKind kind, long stream, long id) {
        int variant = variant(stream, id);
        switch (kind) {
            case NUL, LONE_SURROGATE, REVERSED_SURROGATES, HUGE_TEXT -> {
                LinkedHashMap<String, Object> data = copy(item.get("data"));
                data.put("description", sent(kind, text(data)));
                item.put("data", data);
            }
            case DATA_NOT_OBJECT -> item.put("data", notObject(variant));
            case NO_INNER_ID -> {
                Object data = item.get("data");
                LinkedHashMap<String, Object> copy = data instanceof Map<?, ?> ? copy(data) : null;
                if (variant % 2 == 0) {
                    item.remove("inner_id");
                    if (copy != null) {
                        copy.remove("inner_id");
                    }
                } else {
                    item.put("inner_id", "");
                    if (copy != null && copy.containsKey("inner_id")) {
                        copy.put("inner_id", "");
                    }
                }
                if (copy != null) {
                    item.put("data", copy);
                }
            }
            case BAD_CREATED_AT -> item.put("created_at", BAD_TIMESTAMPS[variant % BAD_TIMESTAMPS.length]);
        }
    }

    /** A listing's data as sent with text dirt (for {@code /offer}). */
    static LinkedHashMap<String, Object> sendData(Map<String, Object> data, PoisonKind kind) {
        LinkedHashMap<String, Object> copy = copy(data);
        copy.put("description", sent(kind, text(copy)));
        return copy;
    }

    /**
     * What a correct mirror stores from data that carried text dirt: the description repaired. Other kinds leave the
     * data as it is ({@link #notObjectStored} for a data that is not an object).
     */
    static LinkedHashMap<String, Object> storedData(Map<String, Object> data, PoisonKind kind) {
        LinkedHashMap<String, Object> copy = copy(data);
        if (kind != null && kind.inText()) {
            copy.put("description", stored(kind, text(copy)));
        }
        return copy;
    }

    /** The value a {@code data-not-object} item carries (a correct mirror stores it as sent from {@code /offers}). */
    Object notObjectStored(long stream, long id) {
        return notObject(variant(stream, id));
    }

    private static Object notObject(int variant) {
        return switch (variant % 3) {
            case 0 -> "数据暂缺";
            case 1 -> 7;
            default -> List.of(1, 2);
        };
    }

    private static String text(Map<String, Object> data) {
        return data.get("description") instanceof String s ? s : EVENT_TEXT;
    }

    private static Object sent(PoisonKind kind, String text) {
        if (kind == PoisonKind.HUGE_TEXT) {
            return text + huge();
        }
        int at = middle(text);
        String escape = switch (kind) {
            case NUL -> "\\u0000";
            case LONE_SURROGATE -> "\\ud800";
            default -> "\\udc00\\ud800";
        };
        String head = SandboxJson.write(text.substring(0, at));
        String tail = SandboxJson.write(text.substring(at));
        return new RawValue(head.substring(0, head.length() - 1) + escape + tail.substring(1));
    }

    private static String stored(PoisonKind kind, String text) {
        if (kind == PoisonKind.HUGE_TEXT) {
            return text + huge();
        }
        int at = middle(text);
        String repaired = switch (kind) {
            case NUL -> "";
            case LONE_SURROGATE -> "\uFFFD";
            default -> "\uFFFD\uFFFD";
        };
        return text.substring(0, at) + repaired + text.substring(at);
    }

    private static int middle(String text) {
        int at = text.length() / 2;
        return at > 0 && Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }

    static String huge() {
        String h = huge;
        if (h == null) {
            h = "长".repeat(HUGE_CHARS);
            huge = h;
        }
        return h;
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Object> copy(Object data) {
        return data instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
    }
}

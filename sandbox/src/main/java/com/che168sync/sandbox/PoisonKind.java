package com.che168sync.sandbox;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The dirt the real feed sends now and then, which {@link FeedDirt#poisonRate()} injects into items of {@code /offers},
 * events of {@code /changes} and answers of {@code /offer}. Each is serialised as the source would send it (JSON
 * escapes in the body, not decoded characters).
 */
public enum PoisonKind {
    /** A NUL character, sent as the escape {@code \u0000}, in the middle of the listing's {@code description}. */
    NUL("nul", true),
    /** A lone high surrogate, sent as {@code \ud800}, in the middle of the {@code description}. */
    LONE_SURROGATE("lone-surrogate", true),
    /** Surrogates in the wrong order, sent as {@code \udc00\ud800}, in the middle of the {@code description}. */
    REVERSED_SURROGATES("reversed-surrogates", true),
    /** A {@code description} of about 2 MB (UTF-8). At most one item or event in four carries one. */
    HUGE_TEXT("huge-text", true),
    /** A {@code data} that is not an object: a string, a number or a non-empty array. */
    DATA_NOT_OBJECT("data-not-object", false),
    /** No {@code inner_id}: the member is missing or empty, in the item and in its {@code data}. */
    NO_INNER_ID("no-inner-id", false),
    /** A {@code created_at} that is no timestamp ({@code 0000-00-00 00:00:00}, {@code вчера}, month 13). */
    BAD_CREATED_AT("bad-created-at", false);

    private final String optionName;
    private final boolean text;

    PoisonKind(String optionName, boolean text) {
        this.optionName = optionName;
        this.text = text;
    }

    /** The name used by {@code --poison-kinds} and in {@code /__sandbox/poisoned}. */
    public String optionName() {
        return optionName;
    }

    /** True for the kinds that change a text value of {@code data} (the only ones {@code /offer} answers carry). */
    public boolean inText() {
        return text;
    }

    /** The kind of an option name ({@code nul}, {@code lone-surrogate}, …), case-insensitive. */
    public static PoisonKind of(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (PoisonKind k : values()) {
            if (k.optionName.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown poison kind '" + name.strip() + "'; known: " + names(EnumSet.allOf(
                PoisonKind.class)));
    }

    /** A comma-separated list of kinds ({@code all} = every kind). */
    public static Set<PoisonKind> parse(String list) {
        if (list == null || list.isBlank() || list.strip().equalsIgnoreCase("all")) {
            return EnumSet.allOf(PoisonKind.class);
        }
        EnumSet<PoisonKind> kinds = EnumSet.noneOf(PoisonKind.class);
        Arrays.stream(list.split(",")).filter(s -> !s.isBlank()).map(PoisonKind::of).forEach(kinds::add);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no poison kind in '" + list + "'");
        }
        return kinds;
    }

    /** The option names of {@code kinds}, comma-separated, in declaration order. */
    public static String names(Set<PoisonKind> kinds) {
        return kinds.stream().sorted().map(PoisonKind::optionName).collect(Collectors.joining(","));
    }
}

package com.che168sync.domain.normalize;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/** Text clean-up shared by every field: NFKC, broken characters out, whitespace trimmed, placeholders to null. */
final class Text {
    /** Values the source uses for "unknown"; compared after {@link #key(String)}. */
    private static final Set<String> PLACEHOLDERS = Set.of(
            "", "-", "--", "---", "—", "–", "/", "?", "??", "…", "...", ".",
            "暂无", "无", "未知", "不详", "待查", "其他不详", "暂无数据", "未填写",
            "n/a", "na", "null", "none", "nil", "undefined", "unknown", "nan",
            "нет", "нет данных", "не указано", "не указан", "неизвестно", "н/д");

    private static final int MAX_PLACEHOLDER_LENGTH = PLACEHOLDERS.stream().mapToInt(String::length).max().orElse(0);

    private Text() {
    }

    /**
     * A single-line text value: NFKC, control and replacement characters removed, runs of whitespace collapsed,
     * trimmed; null for placeholders ({@code -}, {@code 暂无}, empty …) and for non-text values.
     */
    static String clean(Object value) {
        if (value == null) {
            return null;
        }
        String s;
        if (value instanceof String str) {
            s = str;
        } else if (value instanceof Number || value instanceof Boolean) {
            s = value.toString();
        } else {
            return null;
        }
        String cleaned = collapse(nfkc(s), false);
        return isPlaceholder(cleaned) ? null : cleaned;
    }

    /** Like {@link #clean(Object)} but keeps line breaks (descriptions). */
    static String cleanMultiline(Object value) {
        if (!(value instanceof String s)) {
            return clean(value);
        }
        String cleaned = collapse(nfkc(s), true);
        return isPlaceholder(cleaned) ? null : cleaned;
    }

    static boolean isPlaceholder(String cleaned) {
        if (cleaned == null || cleaned.isEmpty()) {
            return true;
        }
        return cleaned.length() <= MAX_PLACEHOLDER_LENGTH && PLACEHOLDERS.contains(cleaned.toLowerCase(Locale.ROOT));
    }

    /** The lookup key of a label: cleaned, lower case, {@code ё} as {@code е}, spaces around separators removed. */
    static String key(String cleaned) {
        if (cleaned == null) {
            return null;
        }
        if (isKeyAlready(cleaned)) {
            return cleaned;
        }
        StringBuilder out = new StringBuilder(cleaned.length());
        String lower = cleaned.toLowerCase(Locale.ROOT).replace('ё', 'е');
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ' ') {
                char prev = out.isEmpty() ? '/' : out.charAt(out.length() - 1);
                char next = i + 1 < lower.length() ? lower.charAt(i + 1) : '/';
                if (isSeparator(prev) || isSeparator(next)) {
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** No upper case, no ё, no space: the label is its own key (most CJK and lower-case labels). */
    private static boolean isKeyAlready(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == 'ё' || (c < 0x80 ? c >= 'A' && c <= 'Z' : Character.toLowerCase(c) != c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSeparator(char c) {
        return c == '/' || c == '+' || c == '(' || c == ')' || c == ',' || c == '-' || c == ' ';
    }

    static String nfkc(String s) {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) {
            return s;
        }
        return Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static String collapse(String s, boolean keepNewlines) {
        if (isClean(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        boolean pendingNewline = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' && keepNewlines) {
                pendingNewline = true;
                pendingSpace = false;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\r') {
                if (!pendingNewline) {
                    pendingSpace = true;
                }
            } else if (c == '\uFFFD' || c == '\uFEFF' || c == '\u200B' || c == '\u200C' || c == '\u200D'
                    || Character.getType(c) == Character.CONTROL
                    || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
                // broken or invisible characters: dropped
                continue;
            } else {
                if (!out.isEmpty()) {
                    if (pendingNewline) {
                        out.append('\n');
                    } else if (pendingSpace) {
                        out.append(' ');
                    }
                }
                pendingSpace = false;
                pendingNewline = false;
                out.append(c);
            }
        }
        return out.toString();
    }

    /** No leading/trailing/double whitespace, no control, invisible, broken or surrogate characters. */
    private static boolean isClean(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c == ' ' && prev == ' ')) {
                return false;
            }
            if (c >= 0x80 && (c == '\uFFFD' || c == '\uFEFF' || (c >= '\u2000' && c <= '\u200F') || c == '\u3000'
                    || c == '\u00A0' || c == '\u2028' || c == '\u2029' || c == '\u202F' || c == '\u205F'
                    || c == '\u1680' || c == '\u0085' || (c >= '\u0080' && c < '\u00A0')
                    || Character.isSurrogate(c))) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** At most {@code max} characters (never splitting a surrogate pair). */
    static String limit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static boolean hasCjk(String s) {
        for (int i = 0; i < s.length(); i++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(s.charAt(i));
            if (script == Character.UnicodeScript.HAN) {
                return true;
            }
        }
        return false;
    }
}

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
        return cleaned == null || cleaned.isEmpty() || PLACEHOLDERS.contains(cleaned.toLowerCase(Locale.ROOT));
    }

    /** The lookup key of a label: cleaned, lower case, {@code ё} as {@code е}, spaces around separators removed. */
    static String key(String cleaned) {
        if (cleaned == null) {
            return null;
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

    private static boolean isSeparator(char c) {
        return c == '/' || c == '+' || c == '(' || c == ')' || c == ',' || c == '-' || c == ' ';
    }

    static String nfkc(String s) {
        return Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static String collapse(String s, boolean keepNewlines) {
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

package com.che168sync.adapter.postgres.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes a JSON document storable as {@code jsonb} with as little change as possible. PostgreSQL refuses the escape
 * {@code \u0000} and escaped surrogates that do not form a pair (e.g. a lone {@code \ud800}); text that a Java
 * string carries raw (a JSON document written from parsed values) may also hold unpaired surrogate characters, which
 * the database driver cannot encode. The repair removes NUL characters and replaces each unpaired surrogate with
 * U+FFFD; every other character stays as it is.
 *
 * <p>Clean documents cost one pass over their backslashes ({@link String#indexOf(int, int)}), plus, when
 * {@code rawCharacters} is asked for, one pass over their characters; nothing is allocated.
 */
final class JsonRepair {
    /** The repaired document and what was done to it (for the quarantine's reason). */
    record Repaired(String json, String what) {
    }

    private JsonRepair() {
    }

    /**
     * @param json          a JSON document (syntax is not checked: PostgreSQL does that)
     * @param rawCharacters also look for unpaired surrogate characters in the text itself (a document written from
     *                      Java values); documents cut from a body decoded as UTF-8 cannot hold any
     * @return null when {@code json} can be stored as it is, else the repaired document
     */
    static Repaired repair(String json, boolean rawCharacters) {
        if (!needsRepair(json, rawCharacters)) {
            return null;
        }
        int nuls = 0;
        int surrogates = 0;
        StringBuilder out = new StringBuilder(json.length());
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = json.charAt(i + 1);
                int code = e == 'u' ? hex(json, i + 2) : -1;
                if (code == 0) {
                    nuls++;
                    i += 5;
                    continue;
                }
                if (code >= 0xD800 && code <= 0xDBFF) {
                    int low = json.startsWith("\\u", i + 6) ? hex(json, i + 8) : -1;
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        out.append(json, i, i + 12);
                        i += 11;
                    } else {
                        surrogates++;
                        out.append("\\ufffd");
                        i += 5;
                    }
                    continue;
                }
                if (code >= 0xDC00 && code <= 0xDFFF) {
                    surrogates++;
                    out.append("\\ufffd");
                    i += 5;
                    continue;
                }
                out.append(c).append(e); // any other escape, including an escaped backslash, stays as it is
                i++;
                continue;
            }
            if (c == 0) {
                nuls++;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
                out.append(c).append(json.charAt(i + 1));
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                surrogates++;
                out.append('\uFFFD');
                continue;
            }
            out.append(c);
        }
        List<String> what = new ArrayList<>(2);
        if (nuls > 0) {
            what.add(nuls + " NUL character(s) removed");
        }
        if (surrogates > 0) {
            what.add(surrogates + " unpaired surrogate(s) replaced by U+FFFD");
        }
        return new Repaired(out.toString(), String.join(", ", what));
    }

    /** {@code json} as it can be stored: repaired when it must be ({@link #repair}), else itself. */
    static String storable(String json, boolean rawCharacters) {
        Repaired r = repair(json, rawCharacters);
        return r == null ? json : r.json();
    }

    private static boolean needsRepair(String json, boolean rawCharacters) {
        int n = json.length();
        for (int i = json.indexOf('\\'); i >= 0 && i + 1 < n; i = json.indexOf('\\', i + 2)) {
            if (json.charAt(i + 1) == 'u') {
                int code = hex(json, i + 2);
                if (code == 0 || code >= 0xD800 && code <= 0xDFFF) {
                    if (code <= 0xDBFF && code != 0 && json.startsWith("\\u", i + 6)) {
                        int low = hex(json, i + 8);
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            i += 6; // a proper pair: go on after the low half
                            continue;
                        }
                    }
                    return true;
                }
            }
        }
        if (rawCharacters) {
            for (int i = 0; i < n; i++) {
                char c = json.charAt(i);
                if (c == 0) {
                    return true;
                }
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
                        i++;
                    } else {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The value of the four hex digits at {@code at}, or -1. */
    private static int hex(String s, int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = at; i < at + 4; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** {@code text} with unpaired surrogate characters written as {@code \\uXXXX}, so it can be kept as UTF-8 bytes. */
    static String escapeUnpairedSurrogates(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
                continue;
            }
            if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}

package com.che168sync.domain.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Label → code dictionary of one {@link CodeField}, read from the data file {@code <field>.dict} next to this class
 * (one {@code label = code} per line; {@code ~text = code} lines are substring rules tried in order when no label
 * matches). Labels match in any case, after NFKC, {@code ё}→{@code е} and removal of spaces around
 * {@code / + ( ) , -}. To teach the normalizer a new label, add a line to the file and a test case.
 */
public final class CodeDictionary {
    private static final Map<CodeField, CodeDictionary> LOADED = load();

    private final CodeField field;
    private final Map<String, String> labels;
    private final List<String[]> rules;
    private final Set<String> codes;

    private CodeDictionary(CodeField field, Map<String, String> labels, List<String[]> rules) {
        this.field = field;
        this.labels = labels;
        this.rules = rules;
        Set<String> all = new LinkedHashSet<>(labels.values());
        rules.forEach(r -> all.add(r[1]));
        this.codes = Collections.unmodifiableSet(all);
    }

    /** The dictionary of a field. */
    public static CodeDictionary of(CodeField field) {
        return LOADED.get(field);
    }

    /** The code of a label, or empty when nothing matches (the caller then reports it as unmapped). */
    public Optional<String> lookup(String label) {
        String cleaned = Text.clean(label);
        return cleaned == null ? Optional.empty() : Optional.ofNullable(lookupKey(Text.key(cleaned)));
    }

    String lookupKey(String key) {
        String code = labels.get(key);
        if (code != null) {
            return code;
        }
        for (String[] rule : rules) {
            if (key.contains(rule[0])) {
                return rule[1];
            }
        }
        return null;
    }

    /** Every code this dictionary can produce. */
    public Set<String> codes() {
        return codes;
    }

    public CodeField field() {
        return field;
    }

    private static Map<CodeField, CodeDictionary> load() {
        Map<CodeField, CodeDictionary> out = new EnumMap<>(CodeField.class);
        for (CodeField f : CodeField.values()) {
            out.put(f, read(f));
        }
        return out;
    }

    private static CodeDictionary read(CodeField field) {
        String resource = field.fieldName() + ".dict";
        Map<String, String> labels = new HashMap<>();
        List<String[]> rules = new ArrayList<>();
        try (InputStream in = CodeDictionary.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("code dictionary " + resource + " is missing from the domain jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int eq = trimmed.lastIndexOf('=');
                if (eq <= 0 || eq == trimmed.length() - 1) {
                    throw new IllegalStateException(resource + " line " + number + ": expected 'label = code'");
                }
                String label = trimmed.substring(0, eq).strip();
                String code = trimmed.substring(eq + 1).strip();
                boolean rule = label.startsWith("~");
                String key = Text.key(Text.clean(rule ? label.substring(1) : label));
                if (key == null || key.isEmpty()) {
                    throw new IllegalStateException(resource + " line " + number + ": empty label");
                }
                if (rule) {
                    rules.add(new String[] {key, code});
                } else {
                    String previous = labels.put(key, code);
                    if (previous != null && !previous.equals(code)) {
                        throw new IllegalStateException(resource + " line " + number + ": label '" + label
                                + "' maps to both " + previous + " and " + code);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code dictionary " + resource, e);
        }
        return new CodeDictionary(field, Map.copyOf(labels), List.copyOf(rules));
    }
}

package com.che168sync.domain.normalize;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** City, province and district from an address; the tables are the data files {@code cities*.data}. */
final class Addresses {
    private static final Pattern SPLIT = Pattern.compile("[\\s,，、;；/|]+");
    private static final Pattern LATIN_SPLIT = Pattern.compile("[,;/|]+");
    private static final List<String> PROVINCE_SUFFIXES = List.of("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区",
            "自治区", "省", "市");
    private static final List<String> CITY_SUFFIXES = List.of("市", "地区");
    private static final Map<String, String> CITY_TO_PROVINCE = new HashMap<>();
    private static final Set<String> PROVINCES = new HashSet<>();
    private static final Map<String, String> TRANSLITERATED = new HashMap<>();
    private static final int LONGEST_NAME;

    static {
        read("cities.data", line -> {
            int colon = line.indexOf(':');
            String province = line.substring(0, colon).strip();
            PROVINCES.add(province);
            for (String city : line.substring(colon + 1).strip().split("\\s+")) {
                CITY_TO_PROVINCE.put(city, province);
            }
        });
        read("cities-ru.data", line -> {
            int eq = line.lastIndexOf('=');
            TRANSLITERATED.put(Text.key(line.substring(0, eq).strip()), line.substring(eq + 1).strip());
        });
        int longest = 0;
        for (String name : CITY_TO_PROVINCE.keySet()) {
            longest = Math.max(longest, name.length());
        }
        LONGEST_NAME = longest;
    }

    private Addresses() {
    }

    /** The outcome: the location, and whether a non-Chinese city name was not in the table. */
    record Parsed(Location location, boolean cityUnmapped) {
    }

    static Parsed parse(Object raw) {
        String address = Text.clean(raw);
        if (address == null) {
            return new Parsed(Location.NONE, false);
        }
        String[] tokens = SPLIT.split(address);
        int start = tokens.length > 0 && tokens[0].isEmpty() ? 1 : 0;
        if (start >= tokens.length) {
            return new Parsed(new Location(address, null, null, null), false);
        }
        String first = tokens[start];
        String second = start + 1 < tokens.length ? tokens[start + 1] : null;
        String third = start + 2 < tokens.length ? tokens[start + 2] : null;
        if (!Text.hasCjk(address)) {
            // transliterated names may contain spaces ("Хух-Хото", "Нижний Тагил"): split on commas only
            String[] parts = LATIN_SPLIT.split(address);
            String name = parts.length == 0 ? "" : parts[0].strip();
            String city = TRANSLITERATED.get(Text.key(name));
            if (city == null) {
                return new Parsed(new Location(address, Text.limit(name.isEmpty() ? address : name, 128), null,
                        null), true);
            }
            return new Parsed(new Location(address, city, CITY_TO_PROVINCE.get(city), null), false);
        }
        String province = null;
        String provinceCandidate = strip(first, PROVINCE_SUFFIXES);
        if (second != null && PROVINCES.contains(provinceCandidate) && !CITY_TO_PROVINCE.containsKey(provinceCandidate)) {
            province = provinceCandidate;
            first = second;
            second = third;
        }
        String city = strip(first, CITY_SUFFIXES);
        if (second == null && !CITY_TO_PROVINCE.containsKey(city)) {
            // "上海闵行区", "山东淄博": a known name at the start
            String[] split = splitKnownPrefix(first);
            if (split != null) {
                if (PROVINCES.contains(split[0]) && !CITY_TO_PROVINCE.containsKey(split[0])) {
                    province = split[0];
                    String[] again = splitKnownPrefix(split[1]);
                    city = again != null ? again[0] : strip(split[1], CITY_SUFFIXES);
                    second = again != null ? again[1] : null;
                } else {
                    city = split[0];
                    second = split[1];
                }
            }
        }
        if (province == null) {
            province = CITY_TO_PROVINCE.get(city);
        }
        String district = second == null || second.isEmpty() ? null : Text.limit(second, 128);
        return new Parsed(new Location(address, Text.limit(city, 128), province, district), false);
    }

    private static String[] splitKnownPrefix(String text) {
        for (int len = Math.min(LONGEST_NAME, text.length() - 1); len >= 2; len--) {
            String head = text.substring(0, len);
            if (CITY_TO_PROVINCE.containsKey(head) || PROVINCES.contains(head)) {
                String rest = text.substring(len);
                for (String suffix : PROVINCE_SUFFIXES) {
                    if (rest.startsWith(suffix)) {
                        rest = rest.substring(suffix.length());
                        break;
                    }
                }
                return new String[] {head, rest};
            }
        }
        return null;
    }

    private static String strip(String name, List<String> suffixes) {
        for (String suffix : suffixes) {
            if (name.length() > suffix.length() + 1 && name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static void read(String resource, java.util.function.Consumer<String> lineHandler) {
        try (InputStream in = Addresses.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the domain jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    lineHandler.accept(trimmed);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

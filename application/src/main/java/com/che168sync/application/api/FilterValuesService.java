package com.che168sync.application.api;

import com.che168sync.application.port.in.api.GetFilterValuesUseCase;
import com.che168sync.application.port.out.api.FilterValues;
import com.che168sync.application.port.out.api.LoadFilterValuesPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Filter values, cached per data version ({@link DataVersionService}: asked of the database at most once per check
 * interval); the values are recomputed only when the newest {@code normalized_at} moved with it, i.e. after
 * normalization wrote. Also the catalogue {@link SearchOffersService} resolves mark, model and city spellings with.
 */
public final class FilterValuesService implements GetFilterValuesUseCase {
    private final LoadFilterValuesPort port;
    private final DataVersionService versions;
    private volatile Snapshot snapshot;

    public FilterValuesService(LoadFilterValuesPort port, DataVersionService versions) {
        this.port = Objects.requireNonNull(port);
        this.versions = Objects.requireNonNull(versions);
    }

    @Override
    public FilterValues filterValues() {
        return snapshot().values();
    }

    /** The current values with their lookup tables. */
    Snapshot snapshot() {
        long change = versions.current();
        Snapshot current = snapshot;
        if (current != null && current.change() == change) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && current.change() == change) {
                return current;
            }
            Instant version = port.dataVersion().orElse(null);
            if (current != null && Objects.equals(version, current.version())) {
                current = current.at(change);
            } else {
                current = Snapshot.of(version, port.load(version), change);
            }
            snapshot = current;
            return current;
        }
    }

    /** Values of one data version and case-insensitive lookups of their spellings. */
    record Snapshot(Instant version, FilterValues values, long change, Map<String, List<String>> marks,
                    Map<String, Map<String, List<String>>> modelsByMark, Map<String, List<String>> cities) {
        static Snapshot of(Instant version, FilterValues values, long change) {
            Map<String, List<String>> marks = new HashMap<>();
            Map<String, Map<String, List<String>>> models = new HashMap<>();
            for (FilterValues.MarkValues m : values.marks()) {
                if (m.mark() == null) {
                    continue;
                }
                String key = key(m.mark());
                marks.computeIfAbsent(key, k -> new ArrayList<>()).add(m.mark());
                Map<String, List<String>> ofMark = models.computeIfAbsent(key, k -> new HashMap<>());
                Map<String, List<String>> ofAll = models.computeIfAbsent("", k -> new HashMap<>());
                for (FilterValues.ValueCount model : m.models()) {
                    if (model.value() != null) {
                        addDistinct(ofMark, key(model.value()), model.value());
                        addDistinct(ofAll, key(model.value()), model.value());
                    }
                }
            }
            Map<String, List<String>> cities = new HashMap<>();
            for (FilterValues.ValueCount c : values.cities()) {
                if (c.value() != null) {
                    addDistinct(cities, key(c.value()), c.value());
                }
            }
            return new Snapshot(version, values, change, marks, models, cities);
        }

        Snapshot at(long newChange) {
            return new Snapshot(version, values, newChange, marks, modelsByMark, cities);
        }

        /** Stored spellings of a mark (empty: no active listing has it). */
        List<String> marks(String mark) {
            return marks.getOrDefault(key(mark), List.of());
        }

        /** Stored spellings of a model, of the given mark or of any mark (null). */
        List<String> models(String mark, String model) {
            Map<String, List<String>> table = modelsByMark.get(mark == null ? "" : key(mark));
            return table == null ? List.of() : table.getOrDefault(key(model), List.of());
        }

        /** Stored spellings of a city; a trailing 市 ("city") is ignored. */
        List<String> cities(String city) {
            List<String> found = cities.get(key(city));
            if (found == null && city.endsWith("市") && city.length() > 1) {
                found = cities.get(key(city.substring(0, city.length() - 1)));
            }
            return found == null ? List.of() : found;
        }

        Optional<Instant> dataVersion() {
            return Optional.ofNullable(version);
        }

        private static void addDistinct(Map<String, List<String>> map, String key, String value) {
            List<String> list = map.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.contains(value)) {
                list.add(value);
            }
        }

        private static String key(String s) {
            return s.strip().toLowerCase(Locale.ROOT);
        }
    }
}

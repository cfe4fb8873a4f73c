package com.che168sync.application.api;

import com.che168sync.application.port.in.api.GetFilterValuesUseCase;
import com.che168sync.application.port.out.api.FilterValues;
import com.che168sync.application.port.out.api.LoadFilterValuesPort;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Filter values, cached per data version. The data version (the newest {@code normalized_at}) is asked at most once
 * per {@code versionCheckInterval}; the values are recomputed only when it moved, i.e. after a normalization run.
 * Also the catalogue {@link SearchOffersService} resolves mark, model and city spellings with.
 */
public final class FilterValuesService implements GetFilterValuesUseCase {
    private final LoadFilterValuesPort port;
    private final Clock clock;
    private final long checkIntervalMillis;
    private volatile Snapshot snapshot;

    public FilterValuesService(LoadFilterValuesPort port, Clock clock, Duration versionCheckInterval) {
        this.port = Objects.requireNonNull(port);
        this.clock = Objects.requireNonNull(clock);
        this.checkIntervalMillis = versionCheckInterval.toMillis();
    }

    @Override
    public FilterValues filterValues() {
        return snapshot().values();
    }

    /** The current values with their lookup tables. */
    Snapshot snapshot() {
        Snapshot current = snapshot;
        long now = clock.millis();
        if (current != null && now - current.checkedAt() < checkIntervalMillis) {
            return current;
        }
        synchronized (this) {
            current = snapshot;
            if (current != null && now - current.checkedAt() < checkIntervalMillis) {
                return current;
            }
            Instant version = port.dataVersion().orElse(null);
            if (current != null && Objects.equals(version, current.version())) {
                current = current.checked(now);
            } else {
                current = Snapshot.of(version, port.load(version), now);
            }
            snapshot = current;
            return current;
        }
    }

    /** Values of one data version and case-insensitive lookups of their spellings. */
    record Snapshot(Instant version, FilterValues values, long checkedAt, Map<String, List<String>> marks,
                    Map<String, Map<String, List<String>>> modelsByMark, Map<String, List<String>> cities) {
        static Snapshot of(Instant version, FilterValues values, long checkedAt) {
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
            return new Snapshot(version, values, checkedAt, marks, models, cities);
        }

        Snapshot checked(long now) {
            return new Snapshot(version, values, now, marks, modelsByMark, cities);
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

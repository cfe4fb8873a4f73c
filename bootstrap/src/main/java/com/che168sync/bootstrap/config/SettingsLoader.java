package com.che168sync.bootstrap.config;

import com.che168sync.adapter.http.ApiServerConfig;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import io.github.cdimascio.dotenv.DotenvException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the settings once at start: {@code config.yaml} (built-in defaults when absent), then {@code .env} in the
 * working directory, then the environment on top. Every value is checked here; the first wrong or missing one stops
 * the program with a {@link SettingsException} naming the key. Secret values never appear in a message.
 */
public final class SettingsLoader {
    /** The file read when {@code --config} is not given, relative to the working directory. */
    public static final String DEFAULT_CONFIG = "config.yaml";

    /** The settings that are secrets: never in config.yaml or a message; .env holding them must be owner-only. */
    static final Set<SettingKey> SECRETS = Set.of(SettingKey.DB_PASSWORD, SettingKey.CHE168_API_KEY,
            SettingKey.SECRET_KEY);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern ACCESS_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
    private final Map<SettingKey, String> origins = new EnumMap<>(SettingKey.class);

    private SettingsLoader() {
    }

    /**
     * Loads and validates the settings.
     *
     * @param configFile   the {@code --config} value (relative to {@code workDir}), or null for {@code ./config.yaml}
     * @param workDir      the working directory: where {@code .env} is read and relative paths start
     * @param environment  the process environment
     */
    public static Settings load(Path configFile, Path workDir, Map<String, String> environment) {
        SettingsLoader loader = new SettingsLoader();
        Optional<Path> yamlFile = loader.readYaml(configFile, workDir);
        loader.readDotenv(workDir);
        loader.readEnvironment(environment);
        return loader.build(yamlFile, workDir);
    }

    private Optional<Path> readYaml(Path configFile, Path workDir) {
        boolean explicit = configFile != null;
        Path file = workDir.resolve(explicit ? configFile : Path.of(DEFAULT_CONFIG)).normalize();
        if (!Files.exists(file)) {
            if (explicit) {
                throw new SettingsException("--config", "Config file not found: " + file + " (given with --config).");
            }
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new SettingsException(file.getFileName().toString(),
                    "Config file " + file + " is not valid YAML" + where + ".");
        } catch (IOException e) {
            throw new SettingsException(file.getFileName().toString(),
                    "Cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Optional.of(file);
        }
        if (!root.isObject()) {
            throw new SettingsException(file.getFileName().toString(),
                    "Config file " + file + " must be a mapping of sections (see the commented config.yaml).");
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", root, flat);
        flat.forEach((path, value) -> {
            SettingKey key = SettingKey.byYamlPath(path).orElseThrow(() -> new SettingsException(path,
                    "Unknown setting '" + path + "' in " + file + " (known: " + String.join(", ",
                            SettingKey.yamlPaths()) + ")."));
            put(key, value, file.getFileName().toString());
        });
        return Optional.of(file);
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), out));
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(item -> {
                if (!joined.isEmpty()) {
                    joined.append(',');
                }
                joined.append(item.asText());
            });
            out.put(prefix, joined.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    private void readDotenv(Path workDir) {
        if (!Files.exists(workDir.resolve(".env"))) {
            return;
        }
        try {
            Dotenv dotenv = Dotenv.configure().directory(workDir.toString()).filename(".env").load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                known(entry.getKey()).ifPresent(key -> put(key, entry.getValue(), ".env"));
            }
        } catch (DotenvException e) {
            // the library's message quotes the offending line, which may hold a secret: not repeated here
            throw new SettingsException(".env", "The file " + workDir.resolve(".env")
                    + " is malformed: every line must be KEY=VALUE, a comment (#) or empty.");
        }
    }

    private void readEnvironment(Map<String, String> environment) {
        environment.forEach((name, value) -> known(name).ifPresent(key -> put(key, value, "the environment")));
    }

    private static Optional<SettingKey> known(String name) {
        return Arrays.stream(SettingKey.values()).filter(k -> k.name().equals(name)).findFirst();
    }

    private void put(SettingKey key, String value, String origin) {
        values.put(key, value.strip());
        origins.put(key, origin);
    }

    private Settings build(Optional<Path> yamlFile, Path workDir) {
        Path dataDir = path(SettingKey.DATA_DIR, workDir);
        DbConfig db = new DbConfig(optional(SettingKey.DB_HOST), intIn(SettingKey.DB_PORT, 1, 65535),
                required(SettingKey.DB_USER), raw(SettingKey.DB_PASSWORD), dbName(),
                intIn(SettingKey.DB_POOL_SIZE, 2, 200), dataDir.resolve("postgres"));
        SourceConfig source = new SourceConfig(sourceUrl(), optional(SettingKey.CHE168_API_KEY),
                duration(SettingKey.SOURCE_CONNECT_TIMEOUT), duration(SettingKey.SOURCE_READ_TIMEOUT),
                duration(SettingKey.SOURCE_CALL_TIMEOUT), required(SettingKey.SOURCE_USER_AGENT),
                intIn(SettingKey.SOURCE_PAGE_SIZE, 1, 1000), zone(SettingKey.SOURCE_FEED_ZONE));
        RetryConfig retry = new RetryConfig(intIn(SettingKey.RETRY_ATTEMPTS, 1, 1000),
                duration(SettingKey.RETRY_INTERVAL));
        LoadConfig load = new LoadConfig(longIn(SettingKey.LOAD_ESTIMATED_TOTAL, 1, 1_000_000_000L));
        UpdateConfig update = new UpdateConfig(bool(SettingKey.UPDATE_FETCH_UNKNOWN_DETAILS),
                intIn(SettingKey.UPDATE_DETAIL_ATTEMPTS, 1, 100), duration(SettingKey.UPDATE_DETAIL_INTERVAL),
                duration(SettingKey.UPDATE_DETAIL_BUDGET));
        ReconcileConfig reconcile = new ReconcileConfig(share(SettingKey.RECONCILE_MAX_CHANGE_SHARE),
                intIn(SettingKey.RECONCILE_CONFIRM_BUDGET, 0, 10_000_000));
        NormalizeConfig normalize = new NormalizeConfig(intIn(SettingKey.NORMALIZE_BATCH_SIZE, 1, 100_000),
                intIn(SettingKey.NORMALIZE_MAX_ATTEMPTS, 1, 1000));
        int defaultPage = intIn(SettingKey.API_DEFAULT_PAGE_SIZE, 1, 10_000);
        int maxPage = intIn(SettingKey.API_MAX_PAGE_SIZE, 1, 10_000);
        if (defaultPage > maxPage) {
            throw invalid(SettingKey.API_DEFAULT_PAGE_SIZE, "must not exceed API_MAX_PAGE_SIZE (" + maxPage + ")");
        }
        ApiConfig api = new ApiConfig(required(SettingKey.API_HOST), intIn(SettingKey.API_PORT, 1, 65535),
                intIn(SettingKey.API_RATE_LIMIT_RATE, 1, 1_000_000), intIn(SettingKey.API_RATE_LIMIT_BURST, 1,
                1_000_000), list(SettingKey.API_CORS_ORIGINS), duration(SettingKey.API_TOKEN_CACHE_TTL),
                duration(SettingKey.API_LAST_USED_FLUSH_INTERVAL), defaultPage, maxPage,
                intIn(SettingKey.API_RATE_LIMIT_UNAUTHENTICATED_RATE, 1, 1_000_000),
                intIn(SettingKey.API_RATE_LIMIT_UNAUTHENTICATED_BURST, 1, 1_000_000),
                intIn(SettingKey.API_RATE_LIMIT_UNAUTHENTICATED_MAX_CLIENTS, 1, 10_000_000),
                duration(SettingKey.API_DATA_VERSION_CHECK_INTERVAL),
                new ApiServerConfig.Cache(bool(SettingKey.API_CACHE_ENABLED),
                        (long) intIn(SettingKey.API_CACHE_MAX_SIZE_MB, 1, 100_000) << 20,
                        Duration.ofSeconds(intIn(SettingKey.API_CACHE_MAX_AGE_SECONDS, 0, 86_400))));
        LoggingConfig logging = new LoggingConfig(level(), intIn(SettingKey.LOG_RETENTION_DAYS, 1, 3650),
                path(SettingKey.LOG_DIR, workDir), duration(SettingKey.LOG_PROGRESS_INTERVAL));
        return new Settings(yamlFile, dataDir, db, source, retry, load, update, reconcile, normalize, api, logging,
                optional(SettingKey.SECRET_KEY));
    }

    private String raw(SettingKey key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? key.defaultValue() : value;
    }

    private Optional<String> optional(SettingKey key) {
        String value = raw(key);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private String required(SettingKey key) {
        String value = raw(key);
        if (value.isEmpty()) {
            throw new SettingsException(key.name(), "Missing setting " + key.describe() + ".");
        }
        return value;
    }

    private String dbName() {
        String name = required(SettingKey.DB_NAME);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_$-]{0,62}")) {
            throw invalid(SettingKey.DB_NAME, "is not a valid database name (letters, digits, _ and -, at most 63)");
        }
        return name;
    }

    private int intIn(SettingKey key, int min, int max) {
        return (int) longIn(key, min, max);
    }

    private long longIn(SettingKey key, long min, long max) {
        String value = raw(key).replace("_", "");
        try {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "is not a whole number between " + min + " and " + max);
    }

    /** A share between 0 and 1: {@code 0.05}, or a percentage {@code 5%}. */
    private double share(SettingKey key) {
        String value = raw(key).strip();
        try {
            double parsed = value.endsWith("%") ? Double.parseDouble(value.substring(0, value.length() - 1).strip()) / 100
                    : Double.parseDouble(value);
            if (parsed >= 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, "is not a share between 0 and 1 such as 0.05 (or 5%)");
    }

    private boolean bool(SettingKey key) {
        return switch (raw(key).toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw invalid(key, "is not true or false");
        };
    }

    /** A zone id such as {@code +03:00} or {@code Europe/Moscow}. */
    private ZoneId zone(SettingKey key) {
        String value = raw(key);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw invalid(key, "is not a time zone such as +03:00, UTC or Europe/Moscow");
        }
    }

    private Duration duration(SettingKey key) {
        String value = raw(key).toLowerCase(Locale.ROOT);
        Duration parsed = null;
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            try {
                long amount = Long.parseLong(m.group(1));
                parsed = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            } catch (NumberFormatException | ArithmeticException e) {
                parsed = null;
            }
        } else if (value.startsWith("p")) {
            try {
                parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                parsed = null;
            }
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw invalid(key, "is not a positive duration such as 500ms, 30s, 12m, 4h or 1d");
        }
        return parsed;
    }

    private Optional<URI> sourceUrl() {
        Optional<String> explicit = optional(SettingKey.CHE168_BASE_URL);
        if (explicit.isPresent()) {
            return Optional.of(httpUrl(SettingKey.CHE168_BASE_URL, explicit.get()));
        }
        Optional<String> accessName = optional(SettingKey.CHE168_ACCESS_NAME);
        if (accessName.isEmpty()) {
            return Optional.empty();
        }
        if (!ACCESS_NAME.matcher(accessName.get()).matches()) {
            throw invalid(SettingKey.CHE168_ACCESS_NAME, "is not a valid access name (letters, digits and -)");
        }
        return Optional.of(URI.create("https://" + accessName.get() + ".auto-api.com/api/v2/che168"));
    }

    private URI httpUrl(SettingKey key, String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null) {
                String text = uri.toString();
                return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw invalid(key, "is not an http(s) URL without query or credentials, e.g. "
                + "https://example.auto-api.com/api/v2/che168");
    }

    private List<String> list(SettingKey key) {
        return Arrays.stream(raw(key).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private Path path(SettingKey key, Path workDir) {
        try {
            return workDir.resolve(required(key)).normalize();
        } catch (InvalidPathException e) {
            throw invalid(key, "is not a valid path");
        }
    }

    private String level() {
        String value = raw(SettingKey.LOG_LEVEL).toUpperCase(Locale.ROOT);
        return switch (value) {
            case "TRACE", "DEBUG", "INFO", "ERROR" -> value;
            case "WARN", "WARNING" -> "WARNING";
            default -> throw invalid(SettingKey.LOG_LEVEL, "is not one of TRACE, DEBUG, INFO, WARNING, ERROR");
        };
    }

    private SettingsException invalid(SettingKey key, String problem) {
        String shown = SECRETS.contains(key) ? "" : " '" + abbreviate(raw(key)) + "'";
        String origin = origins.getOrDefault(key, "the built-in default");
        return new SettingsException(key.name(), "Invalid setting " + key.describe() + ":" + shown + " " + problem
                + " (set in " + origin + ").");
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}

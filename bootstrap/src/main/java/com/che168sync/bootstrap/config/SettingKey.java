package com.che168sync.bootstrap.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting the product reads: its environment / {@code .env} name, its place in {@code config.yaml} (none for
 * secrets, which belong in {@code .env}) and its built-in default. Environment beats {@code .env}, which beats
 * {@code config.yaml}, which beats the default.
 */
enum SettingKey {
    DB_HOST("database.host", ""),
    DB_PORT("database.port", "5432"),
    DB_USER("database.user", "postgres"),
    DB_PASSWORD(null, ""),
    DB_NAME("database.name", "che168"),
    DB_POOL_SIZE("database.pool_size", "10"),

    CHE168_API_KEY(null, ""),
    CHE168_ACCESS_NAME("source.access_name", ""),
    CHE168_BASE_URL("source.base_url", ""),
    SOURCE_CONNECT_TIMEOUT("source.connect_timeout", "10s"),
    SOURCE_READ_TIMEOUT("source.read_timeout", "60s"),
    SOURCE_CALL_TIMEOUT("source.call_timeout", "120s"),
    SOURCE_USER_AGENT("source.user_agent", "che168-sync/1.0"),
    SOURCE_PAGE_SIZE("source.page_size", "20"),
    SOURCE_FEED_ZONE("source.feed_zone", "+03:00"),

    RETRY_ATTEMPTS("retry.attempts", "20"),
    RETRY_INTERVAL("retry.interval", "12m"),

    LOAD_ESTIMATED_TOTAL("load.estimated_total", "250000"),
    UPDATE_FETCH_UNKNOWN_DETAILS("update.fetch_unknown_details", "true"),
    UPDATE_DETAIL_ATTEMPTS("update.detail_attempts", "3"),
    UPDATE_DETAIL_INTERVAL("update.detail_interval", "5s"),
    UPDATE_DETAIL_BUDGET("update.detail_budget", "5m"),
    RECONCILE_MAX_CHANGE_SHARE("reconcile.max_change_share", "0.05"),
    RECONCILE_CONFIRM_BUDGET("reconcile.confirm_budget", "5000"),
    NORMALIZE_BATCH_SIZE("normalize.batch_size", "200"),
    NORMALIZE_MAX_ATTEMPTS("normalize.max_attempts", "3"),

    API_HOST("api.host", "0.0.0.0"),
    API_PORT("api.port", "8080"),
    API_RATE_LIMIT_RATE("api.rate_limit.rate", "20"),
    API_RATE_LIMIT_BURST("api.rate_limit.burst", "40"),
    API_RATE_LIMIT_UNAUTHENTICATED_RATE("api.rate_limit.unauthenticated.rate", "1"),
    API_RATE_LIMIT_UNAUTHENTICATED_BURST("api.rate_limit.unauthenticated.burst", "20"),
    API_RATE_LIMIT_UNAUTHENTICATED_MAX_CLIENTS("api.rate_limit.unauthenticated.max_clients", "10000"),
    API_CORS_ORIGINS("api.cors_origins", ""),
    API_TOKEN_CACHE_TTL("api.token_cache_ttl", "30s"),
    API_LAST_USED_FLUSH_INTERVAL("api.last_used_flush_interval", "60s"),
    API_DEFAULT_PAGE_SIZE("api.default_page_size", "20"),
    API_MAX_PAGE_SIZE("api.max_page_size", "100"),
    API_DATA_VERSION_CHECK_INTERVAL("api.data_version_check_interval", "1s"),
    API_CACHE_ENABLED("api.cache.enabled", "true"),
    API_CACHE_MAX_SIZE_MB("api.cache.max_size_mb", "64"),
    API_CACHE_MAX_AGE_SECONDS("api.cache.max_age_seconds", "1"),

    LOG_LEVEL("logging.level", "INFO"),
    LOG_RETENTION_DAYS("logging.retention_days", "7"),
    LOG_DIR("logging.dir", "./logs"),
    LOG_PROGRESS_INTERVAL("logging.progress_interval", "10s"),

    DATA_DIR("data_dir", "./data"),
    SECRET_KEY(null, "");

    private final String yamlPath;
    private final String defaultValue;

    SettingKey(String yamlPath, String defaultValue) {
        this.yamlPath = yamlPath;
        this.defaultValue = defaultValue;
    }

    /** The dotted path in config.yaml, empty for secrets (environment / .env only). */
    Optional<String> yamlPath() {
        return Optional.ofNullable(yamlPath);
    }

    String defaultValue() {
        return defaultValue;
    }

    /** Where the key may be written, for messages: {@code DB_PORT (config.yaml: database.port)}. */
    String describe() {
        return yamlPath == null ? name() : name() + " (config.yaml: " + yamlPath + ")";
    }

    static Optional<SettingKey> byYamlPath(String path) {
        return Arrays.stream(values()).filter(k -> path.equals(k.yamlPath)).findFirst();
    }

    static List<String> yamlPaths() {
        return Arrays.stream(values()).map(k -> k.yamlPath).filter(p -> p != null).toList();
    }
}

package com.che168sync.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The che168 feed of auto-api.com ({@code CHE168_*}, {@code source.*}).
 *
 * <p>The base URL is {@code CHE168_BASE_URL} when set, else built from {@code CHE168_ACCESS_NAME} as
 * {@code https://{access_name}.auto-api.com/api/v2/che168}. Both it and the API key are optional at start (commands
 * such as {@code init} do not talk to the source); commands that do call {@link #requireBaseUrl()} and
 * {@link #requireApiKey()}, which fail with a message naming the missing key.
 *
 * @param baseUrl        resolved base URL, empty when neither {@code CHE168_BASE_URL} nor {@code CHE168_ACCESS_NAME}
 * @param apiKey         {@code CHE168_API_KEY} (secret: never printed)
 * @param connectTimeout {@code source.connect_timeout}
 * @param readTimeout    {@code source.read_timeout}
 * @param callTimeout    {@code source.call_timeout}: whole request including the body
 * @param userAgent      {@code source.user_agent}
 * @param pageSize       {@code source.page_size}: listings per {@code /offers} page (fixed at 20 by the source)
 * @param feedZone       {@code source.feed_zone}: the time zone of the feed's days ({@code /change_id?date=}) and
 *                       of "today" for the daily update and the load's start date (default +03:00, Moscow)
 */
public record SourceConfig(Optional<URI> baseUrl, Optional<String> apiKey, Duration connectTimeout,
                           Duration readTimeout, Duration callTimeout, String userAgent, int pageSize,
                           ZoneId feedZone) {

    /** The base URL, or a {@link SettingsException} naming {@code CHE168_ACCESS_NAME} / {@code CHE168_BASE_URL}. */
    public URI requireBaseUrl() {
        return baseUrl.orElseThrow(() -> new SettingsException("CHE168_ACCESS_NAME",
                "Missing setting CHE168_ACCESS_NAME (or CHE168_BASE_URL): the source URL is unknown. "
                        + "Put it in .env or the environment."));
    }

    /** The API key, or a {@link SettingsException} naming {@code CHE168_API_KEY}. */
    public String requireApiKey() {
        return apiKey.orElseThrow(() -> new SettingsException("CHE168_API_KEY",
                "Missing setting CHE168_API_KEY: the source needs an API key. Put it in .env or the environment."));
    }

    @Override
    public String toString() {
        return "SourceConfig[baseUrl=" + baseUrl.map(URI::toString).orElse("(none)") + ", apiKey="
                + (apiKey.isPresent() ? "***" : "(none)") + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", callTimeout=" + callTimeout + ", userAgent=" + userAgent + ", pageSize=" + pageSize
                + "]";
    }
}

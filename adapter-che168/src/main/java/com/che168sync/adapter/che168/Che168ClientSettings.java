package com.che168sync.adapter.che168;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach the che168 feed of auto-api.com. Validated on construction; messages name the setting and never
 * echo the key. {@link #toString()} masks the key, so the record is safe to log.
 *
 * @param baseUrl        the feed's base, e.g. {@code https://{access_name}.auto-api.com/api/v2/che168}
 *                       (see {@link #baseUrlFor(String, String)}); {@code http} or {@code https}, no query
 * @param apiKey         the key, sent as the {@code x-api-key} header only (never in a URL); printable ASCII
 * @param connectTimeout TCP/TLS connect timeout, &gt; 0
 * @param readTimeout    longest silence while reading a response, &gt; 0
 * @param callTimeout    the whole request including the body, &gt; 0
 * @param userAgent      the {@code User-Agent} header
 */
public record Che168ClientSettings(
        URI baseUrl,
        String apiKey,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        String userAgent) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_USER_AGENT = "che168-sync/1.0";

    private static final Pattern ACCESS_NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    public Che168ClientSettings {
        Objects.requireNonNull(baseUrl, "CHE168_BASE_URL");
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(
                    "CHE168_BASE_URL must be an absolute http(s) URL with a host, got '" + baseUrl + "'");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null || baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    "CHE168_BASE_URL must not carry a query, fragment or user info (the key goes in a header)");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("CHE168_API_KEY is not set");
        }
        if (!isPrintableAscii(apiKey)) {
            // OkHttp would reject it with a message that quotes the value: refuse here, without the value.
            throw new IllegalArgumentException(
                    "CHE168_API_KEY contains characters not allowed in an HTTP header (printable ASCII only,"
                            + " no spaces or line breaks)");
        }
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        requirePositive(callTimeout, "call timeout");
        if (userAgent == null || userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("user agent must be non-blank printable ASCII");
        }
    }

    /** Settings with the default timeouts and user agent. */
    public static Che168ClientSettings of(URI baseUrl, String apiKey) {
        return new Che168ClientSettings(baseUrl, apiKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_CALL_TIMEOUT, DEFAULT_USER_AGENT);
    }

    /**
     * The base URL as the product settings define it: {@code CHE168_BASE_URL} when set (non-blank), otherwise
     * {@code https://{CHE168_ACCESS_NAME}.auto-api.com/api/v2/che168}.
     *
     * @throws IllegalArgumentException naming the setting when neither is usable
     */
    public static URI baseUrlFor(String baseUrlSetting, String accessName) {
        if (baseUrlSetting != null && !baseUrlSetting.isBlank()) {
            try {
                return new URI(baseUrlSetting.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("CHE168_BASE_URL is not a valid URL: " + e.getReason());
            }
        }
        if (accessName == null || accessName.isBlank()) {
            throw new IllegalArgumentException("set CHE168_ACCESS_NAME (or CHE168_BASE_URL) to reach the source");
        }
        String name = accessName.strip();
        if (!ACCESS_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "CHE168_ACCESS_NAME must be a host label (letters, digits, '-'), got '" + name + "'");
        }
        return URI.create("https://" + name + ".auto-api.com/api/v2/che168");
    }

    public Che168ClientSettings withTimeouts(Duration connect, Duration read, Duration call) {
        return new Che168ClientSettings(baseUrl, apiKey, connect, read, call, userAgent);
    }

    public Che168ClientSettings withUserAgent(String agent) {
        return new Che168ClientSettings(baseUrl, apiKey, connectTimeout, readTimeout, callTimeout, agent);
    }

    @Override
    public String toString() {
        return "Che168ClientSettings[baseUrl=" + baseUrl + ", apiKey=***, connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout + ", userAgent=" + userAgent + "]";
    }

    private static boolean isPrintableAscii(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }
}

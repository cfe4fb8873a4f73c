package com.che168sync.adapter.che168;

import com.che168sync.application.port.out.source.SourceAuthException;
import com.che168sync.application.port.out.source.SourceEndpointNotFoundException;
import com.che168sync.application.port.out.source.SourceMalformedResponseException;
import com.che168sync.application.port.out.source.SourceUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared OkHttp client (one connection pool, keep-alive, transparent gzip) and the mapping of every HTTP
 * outcome onto the port's typed exceptions. The key travels in the {@code x-api-key} header only; URLs and
 * messages never contain it, and any text taken from a response is passed through {@link Redactor}.
 */
final class HttpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
    /** Far above a real page (~80 KB); guards the 256 MB heap against a runaway body. */
    static final long MAX_BODY_BYTES = 32L * 1024 * 1024;
    private static final int ERROR_SNIPPET_BYTES = 4096;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern JSON_MESSAGE =
            Pattern.compile("\"(?:message|error|detail)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final String userAgent;
    private final Clock clock;
    private final Redactor redactor;

    HttpTransport(Che168ClientSettings settings, Clock clock) {
        HttpUrl parsed = HttpUrl.parse(settings.baseUrl().toString());
        if (parsed == null) {
            throw new IllegalArgumentException("CHE168_BASE_URL is not a valid http(s) URL: " + settings.baseUrl());
        }
        // "…/che168/" and "…/che168" are the same base: drop trailing empty segments.
        while (parsed.pathSize() > 1 && parsed.pathSegments().get(parsed.pathSize() - 1).isEmpty()) {
            parsed = parsed.newBuilder().removePathSegment(parsed.pathSize() - 1).build();
        }
        this.baseUrl = parsed;
        this.apiKey = settings.apiKey();
        this.userAgent = settings.userAgent();
        this.clock = clock;
        this.redactor = new Redactor(settings.apiKey());
        this.client = new OkHttpClient.Builder()
                .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(2, 5, TimeUnit.MINUTES))
                // A redirect to another host would carry x-api-key there: never follow one.
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true)
                .build();
    }

    Redactor redactor() {
        return redactor;
    }

    /**
     * GET {@code base/endpoint?name=value}.
     *
     * @param notFoundAsNull whether a 404 means "no such thing" (returns null) rather than a broken endpoint
     * @return the body bytes of a 2xx answer, or null for an allowed 404
     */
    byte[] get(String endpoint, String queryName, String queryValue, boolean notFoundAsNull) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegment(endpoint);
        String what = "/" + endpoint;
        if (queryName != null) {
            url.addQueryParameter(queryName, queryValue);
            what += "?" + queryName + "=" + queryValue;
        }
        Request request = new Request.Builder()
                .url(url.build())
                .header("x-api-key", apiKey)
                .header("User-Agent", userAgent)
                .header("Accept", "application/json")
                .get()
                .build();
        long started = System.nanoTime();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (code >= 200 && code < 300) {
                byte[] body = readBody(response.body(), what);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("GET {} -> {} ({} bytes, {} ms)", what, code, body.length, millisSince(started));
                }
                return body;
            }
            String summary = errorSummary(response);
            LOG.debug("GET {} -> {}{} ({} ms)", what, code, summary, millisSince(started));
            if (code == 401 || code == 403) {
                throw new SourceAuthException("the source refused the API key on " + what + " (HTTP " + code
                        + summary + "); check CHE168_API_KEY");
            }
            if (code == 404 && notFoundAsNull) {
                return null;
            }
            if (code == 404) {
                throw new SourceEndpointNotFoundException("the source does not know " + what + " (HTTP 404" + summary
                        + "): the base URL " + redactor.redact(baseUrl.toString()) + " is wrong; check CHE168_BASE_URL"
                        + " or CHE168_ACCESS_NAME");
            }
            if (code == 429 || code == 408 || code >= 500) {
                Duration retryAfter = retryAfter(response.header("Retry-After"));
                throw new SourceUnavailableException("the source answered HTTP " + code + summary + " on " + what
                        + (retryAfter == null ? "" : "; Retry-After " + retryAfter.toSeconds() + " s"),
                        retryAfter, null);
            }
            if (code >= 300 && code < 400) {
                throw new SourceMalformedResponseException("the source redirected " + what + " (HTTP " + code
                        + "); redirects are not followed, check CHE168_BASE_URL");
            }
            throw new SourceMalformedResponseException("unexpected HTTP " + code + summary + " on " + what);
        } catch (InterruptedIOException e) {
            throw new SourceUnavailableException("no answer from the source in time on " + what + " ("
                    + describe(e) + " after " + millisSince(started) + " ms)", null);
        } catch (IOException e) {
            throw new SourceUnavailableException("connection to the source failed on " + what + " ("
                    + describe(e) + ")", null);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // OkHttp's own runtime failures (e.g. a closed client); never let them cross the port.
            throw new SourceUnavailableException("HTTP client failure on " + what + " (" + describe(e) + ")", null);
        }
    }

    /** Reads a whole body with a size cap; a short read (truncated transfer) is an IOException. */
    private static byte[] readBody(ResponseBody body, String what) throws IOException {
        long declared = body.contentLength();
        if (declared > MAX_BODY_BYTES) {
            throw new SourceMalformedResponseException(what + " announced a body of " + declared
                    + " bytes, more than the " + MAX_BODY_BYTES + " accepted");
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (source.read(buffer, 64 * 1024) != -1) {
            if (buffer.size() > MAX_BODY_BYTES) {
                throw new SourceMalformedResponseException(
                        what + " sent a body larger than the " + MAX_BODY_BYTES + " bytes accepted");
            }
        }
        return buffer.readByteArray();
    }

    /** ": message" from a JSON error body or an HTML title, redacted and shortened; "" when there is none. */
    private String errorSummary(Response response) {
        try {
            byte[] bytes = response.peekBody(ERROR_SNIPPET_BYTES).bytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            String found = null;
            Matcher json = JSON_MESSAGE.matcher(text);
            if (json.find()) {
                found = json.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
            } else {
                Matcher title = HTML_TITLE.matcher(text);
                if (title.find()) {
                    found = title.group(1);
                } else if (!text.isBlank() && !text.stripLeading().startsWith("<")) {
                    found = text;
                }
            }
            if (found == null) {
                return "";
            }
            String clean = found.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
            if (clean.length() > 160) {
                clean = clean.substring(0, 160) + "…";
            }
            return clean.isEmpty() ? "" : ": " + redactor.redact(clean);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. Never negative. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(value));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            LOG.debug("ignoring unreadable Retry-After header '{}'", redactor.redact(value));
            return null;
        }
    }

    private String describe(Exception e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + redactor.redact(message);
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "HttpTransport[" + baseUrl + "]";
    }
}

package com.che168sync.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * Reads the feed over HTTP and retries what a careful client retries: 5xx, 429, timeouts, bodies that are not
 * JSON, and answers whose meta is missing or does not advance. Counts what it had to retry.
 */
final class HttpFetcher implements ReferenceMirror.Fetcher {
    private final String baseUrl;
    private final String key;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int retries;
    int timeouts;
    int notJson;
    int brokenMeta;
    int serverErrors;
    int rateLimited;

    HttpFetcher(String baseUrl, String key, Duration timeout) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.timeout = timeout;
    }

    @Override
    public JsonNode get(String pathAndQuery) {
        for (int attempt = 1; attempt <= 50; attempt++) {
            try {
                HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                        .header("x-api-key", key).timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() == 404 && pathAndQuery.startsWith("/offer?")) {
                    return null;
                }
                if (res.statusCode() == 429) {
                    rateLimited++;
                    retries++;
                    continue;
                }
                if (res.statusCode() >= 500) {
                    serverErrors++;
                    retries++;
                    continue;
                }
                if (res.statusCode() != 200) {
                    throw new AssertionError(pathAndQuery + " answered " + res.statusCode());
                }
                JsonNode doc;
                try {
                    doc = ReferenceMirror.MAPPER.readTree(res.body());
                } catch (Exception e) {
                    notJson++;
                    retries++;
                    continue;
                }
                if (brokenMeta(pathAndQuery, doc)) {
                    brokenMeta++;
                    retries++;
                    continue;
                }
                return doc;
            } catch (HttpTimeoutException e) {
                timeouts++;
                retries++;
            } catch (java.io.IOException e) {
                retries++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("50 attempts failed: " + pathAndQuery);
    }

    private static boolean brokenMeta(String pathAndQuery, JsonNode doc) {
        if (pathAndQuery.startsWith("/offers?")) {
            JsonNode meta = doc.get("meta");
            if (meta == null) {
                return true;
            }
            JsonNode next = meta.get("next_page");
            long page = Long.parseLong(pathAndQuery.substring(pathAndQuery.indexOf('=') + 1));
            return next != null && !next.isNull() && next.asLong() != 0 && next.asLong() <= page;
        }
        if (pathAndQuery.startsWith("/changes?")) {
            JsonNode meta = doc.get("meta");
            if (doc.get("result").isEmpty()) {
                return false;
            }
            long cursor = Long.parseLong(pathAndQuery.substring(pathAndQuery.indexOf('=') + 1));
            return meta == null || meta.get("next_change_id").asLong() <= cursor;
        }
        return false;
    }
}

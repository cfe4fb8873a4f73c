package com.che168sync.adapter.http;

import com.che168sync.application.api.DataVersionService;
import com.che168sync.application.api.Sha256;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Conditional and cached answers of the data endpoints. An answer's strong {@code ETag} is made of the data version
 * and the normalized request, so it is known before the database is asked: {@code If-None-Match} with the current
 * tag gets 304 at once, and every server process reading the same database gives the same tag. A gzip-encoded body
 * has the tag with {@code -gz} appended (another representation); either form matches in {@code If-None-Match}.
 * With the cache on, the body of a request is rendered once per data version. Auth and the rate limit run before
 * (filters), for cached answers exactly as for others.
 */
final class DataAnswers {
    private static final String GZIP_SUFFIX = "-gz";

    private final DataVersionService versions;
    private final ResponseCache cache;
    private final String cacheControl;

    /**
     * @param cache  null: no response cache (every answer is rendered from the database)
     * @param maxAge seconds a client may reuse an answer without asking ({@code Cache-Control: max-age})
     */
    DataAnswers(DataVersionService versions, ResponseCache cache, long maxAge) {
        this.versions = versions;
        this.cache = cache;
        this.cacheControl = "private, max-age=" + maxAge;
    }

    /**
     * Answers the request named by {@code key} (route and normalized parameters): 304 when the client holds the
     * current tag, else the body of the current version (kept, or rendered by {@code render}, which may throw the
     * request's error).
     */
    void send(ServerRequest req, ServerResponse res, String key, Supplier<byte[]> render) {
        long version = versions.current();
        String tag = Long.toString(version, 36) + "-" + digest(key);
        if (notModified(req, res, tag)) {
            return;
        }
        ResponseCache.Entry entry = cache == null ? null : cache.get(key, version);
        if (entry == null) {
            byte[] body = render.get();
            entry = cache == null ? new ResponseCache.Entry(key, version, body) : cache.put(key, version, body);
        }
        byte[] body = entry.body;
        if (body.length >= Responses.GZIP_MIN_BYTES && Responses.acceptsGzip(req)) {
            byte[] gzip = entry.gzip;
            if (gzip == null) {
                gzip = Responses.gzip(body);
                if (cache != null) {
                    cache.addGzip(entry, gzip);
                }
            }
            headers(res, tag + GZIP_SUFFIX);
            Responses.sendEncoded(res, Responses.JSON, gzip);
        } else {
            headers(res, tag);
            Responses.sendIdentity(res, Responses.JSON, body);
        }
    }

    /** An answer computed without the database's version (e.g. {@code /stats}): its tag is a digest of the body. */
    void sendComputed(ServerRequest req, ServerResponse res, byte[] body) {
        String tag = "c-" + digest(body);
        if (notModified(req, res, tag)) {
            return;
        }
        headers(res, tag);
        Responses.json(req, res, 200, body);
    }

    private boolean notModified(ServerRequest req, ServerResponse res, String tag) {
        String header = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(null);
        if (header == null || !matches(header, tag)) {
            return false;
        }
        headers(res, tag);
        res.header(HeaderValues.create(HeaderNames.VARY, "Accept-Encoding, Origin"));
        res.status(Status.NOT_MODIFIED_304).send();
        return true;
    }

    /** Whether an {@code If-None-Match} value names this tag (weak comparison, as RFC 9110 asks; {@code *} too). */
    static boolean matches(String ifNoneMatch, String tag) {
        for (String part : ifNoneMatch.split(",")) {
            String t = part.strip();
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
                t = t.substring(1, t.length() - 1);
                if (t.endsWith(GZIP_SUFFIX)) {
                    t = t.substring(0, t.length() - GZIP_SUFFIX.length());
                }
                if (t.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void headers(ServerResponse res, String tag) {
        res.header(HeaderNames.ETAG, "\"" + tag + "\"");
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
    }

    private static String digest(String key) {
        return digest(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest(bytes), 0, 10);
    }
}

package com.che168sync.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Sends bodies: JSON or text, gzip-compressed when the client accepts it and the body is worth it. */
final class Responses {
    static final String JSON = "application/json; charset=utf-8";
    static final int GZIP_MIN_BYTES = 1024;

    private Responses() {
    }

    static void json(ServerRequest req, ServerResponse res, int status, byte[] body) {
        send(req, res, status, JSON, body);
    }

    static void error(ServerRequest req, ServerResponse res, int status, String code, String message,
                      String parameter) {
        json(req, res, status, JsonBodies.error(code, message, parameter));
    }

    static void send(ServerRequest req, ServerResponse res, int status, String contentType, byte[] body) {
        res.status(Status.create(status));
        if (body.length >= GZIP_MIN_BYTES && acceptsGzip(req)) {
            sendEncoded(res, contentType, gzip(body));
        } else {
            sendIdentity(res, contentType, body);
        }
    }

    /** A body as it is (the status is set). */
    static void sendIdentity(ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderValues.create(HeaderNames.VARY, "Accept-Encoding, Origin"));
        res.send(body);
    }

    /** A gzip-compressed body (the status is set). */
    static void sendEncoded(ServerResponse res, String contentType, byte[] gzip) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.header(HeaderValues.create(HeaderNames.VARY, "Accept-Encoding, Origin"));
        res.header(HeaderNames.CONTENT_ENCODING, "gzip");
        res.send(gzip);
    }

    static boolean acceptsGzip(ServerRequest req) {
        return req.headers().first(HeaderNames.ACCEPT_ENCODING)
                .map(v -> {
                    for (String part : v.split(",")) {
                        String[] p = part.strip().split(";");
                        if (p[0].strip().equalsIgnoreCase("gzip")) {
                            return !(p.length > 1 && p[1].replace(" ", "").equalsIgnoreCase("q=0"));
                        }
                    }
                    return false;
                })
                .orElse(false);
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

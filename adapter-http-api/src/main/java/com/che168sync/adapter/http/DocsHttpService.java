package com.che168sync.adapter.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /docs}: the API explorer (Swagger UI, served from its webjar in this jar: works offline) over
 * {@code /openapi}. The page and its files need no token; the page asks for one, loads the OpenAPI document with it
 * and sends it with every "Try it out" call.
 */
final class DocsHttpService implements HttpService {
    static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The files of Swagger UI the page uses, and our own. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> loaded = new ConcurrentHashMap<>();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> send(req, res, "text/html; charset=utf-8", "docs/index.html", false))
                .get("/explorer.js", (req, res) -> send(req, res, "text/javascript; charset=utf-8",
                        "docs/explorer.js", false))
                .get("/assets/{file}", this::asset);
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        String type = ASSETS.get(file);
        if (type == null) {
            throw new ApiError(404, "not_found", "no such file of the API explorer", null);
        }
        send(req, res, type, WEBJAR + SwaggerUi.VERSION + "/" + file, true);
    }

    /** A file of the page, read once (and gzip-compressed once for clients that accept it). */
    private void send(ServerRequest req, ServerResponse res, String type, String resource, boolean immutable) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        res.header(HeaderNames.CACHE_CONTROL, immutable ? "public, max-age=86400" : "no-cache");
        byte[] body = loaded.computeIfAbsent(resource, DocsHttpService::read);
        if (Responses.acceptsGzip(req)) {
            Responses.sendEncoded(res, type, loaded.computeIfAbsent(resource + ".gz", r -> Responses.gzip(body)));
        } else {
            Responses.sendIdentity(res, type, body);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = DocsHttpService.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from adapter-http-api");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Swagger UI version of the webjar on the class path (its directory name). */
    static final class SwaggerUi {
        static final String VERSION = version();

        private SwaggerUi() {
        }

        private static String version() {
            try (InputStream in = DocsHttpService.class.getResourceAsStream(
                    "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
                if (in == null) {
                    throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
                }
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

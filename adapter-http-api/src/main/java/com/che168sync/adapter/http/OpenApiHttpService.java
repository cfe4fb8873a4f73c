package com.che168sync.adapter.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

/** {@code GET /openapi}: the OpenAPI 3 document of this API (a test checks it against the routes and parameters). */
final class OpenApiHttpService implements HttpService {
    static final String RESOURCE = "openapi.json";

    private final byte[] document = load();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        QueryParameters.parse(req.query().rawValue(), Set.of());
        Responses.json(req, res, 200, document);
    }

    static byte[] load() {
        try (InputStream in = OpenApiHttpService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from adapter-http-api");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

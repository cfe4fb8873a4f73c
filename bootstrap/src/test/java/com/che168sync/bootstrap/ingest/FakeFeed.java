package com.che168sync.bootstrap.ingest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small fake of the che168 feed that is not our sandbox: canned bodies by path and query over real HTTP, anything
 * else 404. Tests put exactly the bytes the real feed could send (poison included) and see what the product does.
 */
final class FakeFeed implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Runs before each answer with the request's path and query (e.g. to stop the database at a given page). */
    volatile java.util.function.Consumer<String> onRequest = key -> { };

    FakeFeed() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v2/che168/", exchange -> {
            String path = exchange.getRequestURI().getPath().substring("/api/v2/che168/".length());
            String query = exchange.getRequestURI().getRawQuery();
            String key = query == null ? path : path + "?" + query;
            requests.add(key);
            onRequest.accept(key);
            byte[] body = bodies.get(key);
            int status = statuses.getOrDefault(key, body == null ? 404 : 200);
            if (body == null) {
                body = "{\"message\": \"Not found\"}".getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code body} for {@code pathAndQuery} (e.g. {@code offers?page=1}). */
    FakeFeed serve(String pathAndQuery, String body) {
        statuses.remove(pathAndQuery);
        bodies.put(pathAndQuery, body.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Answers {@code pathAndQuery} with {@code status} (and a JSON message). */
    FakeFeed status(String pathAndQuery, int status) {
        statuses.put(pathAndQuery, status);
        bodies.put(pathAndQuery, ("{\"message\": \"status " + status + "\"}").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v2/che168";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

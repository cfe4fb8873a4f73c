package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /docs in a real browser: headless Chromium (the Debian package; the test is skipped, saying so, where it is
 * not installed) opens the explorer, a token is pasted, every operation of /openapi must be listed, and "Try it out" →
 * "Execute" on GET /filters must show 200. Driven over the DevTools protocol with the JDK's WebSocket client. The
 * screenshot goes to target/api-explorer.png (and to docs/images/ with {@code -Dche168.docs.screenshot=true}).
 */
class ApiExplorerIT {
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestApi api;
    private static Path profile;
    private static Process chromium;
    private static DevTools devTools;

    @BeforeAll
    static void start() throws Exception {
        String binary = CHROMIUM.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        assumeTrue(binary != null, "Chromium is not installed (apt-get install -y chromium): the API explorer is not "
                + "tested in a browser");
        api = new TestApi().withListings(300, 10);
        profile = Files.createTempDirectory("chromium-profile");
        chromium = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "--window-size=1280,1400",
                "http://127.0.0.1:" + api.server.port() + "/docs")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromium.log").toFile()).start();
        devTools = DevTools.connect(profile, chromium);
    }

    @AfterAll
    static void stop() throws IOException {
        if (devTools != null) {
            devTools.close();
        }
        if (chromium != null) {
            chromium.descendants().forEach(ProcessHandle::destroy);
            chromium.destroy();
            try {
                chromium.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (api != null) {
            api.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theExplorerListsEveryOperationAndTryingOneAnswers200() throws Exception {
        devTools.waitFor("typeof SwaggerUIBundle === 'function' && !!document.getElementById('token')");
        devTools.eval("document.getElementById('token').value = '" + TestApi.TOKEN + "';"
                + "document.getElementById('load').click(); true");
        devTools.waitFor("document.querySelectorAll('.opblock').length >= " + Routes.ALL.size());
        JsonNode paths = devTools.eval("Array.from(document.querySelectorAll('.opblock-summary-path'))"
                + ".map(e => e.getAttribute('data-path'))");
        Set<String> listed = new HashSet<>();
        paths.forEach(p -> listed.add(p.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Routes.ALL);

        String block = "Array.from(document.querySelectorAll('.opblock')).find(b => "
                + "b.querySelector('.opblock-summary-path').getAttribute('data-path') === '/filters')";
        devTools.eval("((b) => (b.querySelector('.opblock-summary-control') || b.querySelector('.opblock-summary'))"
                + ".click())(" + block + "); true");
        devTools.waitFor("!!(" + block + ").querySelector('.try-out__btn')");
        devTools.eval("(" + block + ").querySelector('.try-out__btn').click(); true");
        devTools.waitFor("!!(" + block + ").querySelector('.execute')");
        devTools.eval("(" + block + ").querySelector('.execute').click(); true");
        devTools.waitFor("!!(" + block + ").querySelector('.live-responses-table tr.response .response-col_status')");
        assertThat(devTools.eval("(" + block + ").querySelector('.live-responses-table tr.response .response-col_status')"
                + ".textContent.trim()").asText()).isEqualTo("200");
        assertThat(devTools.eval("(" + block + ").querySelector('.live-responses-table').textContent").asText())
                .contains("data_version");

        byte[] png = devTools.screenshot();
        Files.write(Path.of("target", "api-explorer.png"), png);
        if (Boolean.getBoolean("che168.docs.screenshot")) {
            Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs/images/api-explorer.png");
            Files.createDirectories(docs.getParent());
            Files.write(docs, png);
        }
    }

    /** A minimal DevTools protocol client for one page: commands by id, answers by id. */
    private static final class DevTools implements WebSocket.Listener, AutoCloseable {
        private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
        private final AtomicInteger ids = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static DevTools connect(Path profile, Process chromium) throws Exception {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
                assertThat(chromium.isAlive()).as("Chromium ended: " + log(profile)).isTrue();
                assertThat(System.nanoTime()).as("Chromium opened no DevTools port").isLessThan(deadline);
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).getFirst().strip());
            HttpClient http = HttpClient.newHttpClient();
            String page = null;
            while (page == null) {
                JsonNode targets = TestApi.JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if (t.path("type").asText().equals("page") && t.path("url").asText().endsWith("/docs")) {
                        page = t.path("webSocketDebuggerUrl").asText();
                    }
                }
                assertThat(System.nanoTime()).as("no page target in Chromium").isLessThan(deadline);
                Thread.sleep(100);
            }
            DevTools devTools = new DevTools();
            devTools.socket = http.newWebSocketBuilder().buildAsync(URI.create(page), devTools).get(30,
                    TimeUnit.SECONDS);
            return devTools;
        }

        private static String log(Path profile) {
            try {
                return Files.readString(profile.resolve("chromium.log"));
            } catch (IOException e) {
                return e.toString();
            }
        }

        JsonNode send(String method, ObjectNode params) throws Exception {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonNode> answer = new CompletableFuture<>();
            pending.put(id, answer);
            ObjectNode message = TestApi.JSON.createObjectNode().put("id", id).put("method", method);
            message.set("params", params);
            socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
            JsonNode result = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.has("error")).as(method + ": " + result).isFalse();
            return result.get("result");
        }

        /** The value of a JavaScript expression in the page (promises awaited). */
        JsonNode eval(String expression) throws Exception {
            JsonNode r = send("Runtime.evaluate", TestApi.JSON.createObjectNode().put("expression", expression)
                    .put("awaitPromise", true).put("returnByValue", true));
            assertThat(r.has("exceptionDetails")).as(expression + ": " + r).isFalse();
            return r.path("result").path("value");
        }

        /** Polls a JavaScript condition until it is true. */
        void waitFor(String condition) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!eval("(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()")
                    .asBoolean()) {
                assertThat(System.nanoTime()).as("waited in vain for " + condition + "; page text: "
                        + eval("document.body ? document.body.innerText.slice(0, 500) : ''").asText())
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        byte[] screenshot() throws Exception {
            JsonNode r = send("Page.captureScreenshot", TestApi.JSON.createObjectNode().put("format", "png"));
            return Base64.getDecoder().decode(r.get("data").asText());
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = TestApi.JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> answer = message.has("id") ? pending.remove(message.get("id")
                            .asInt()) : null;
                    if (answer != null) {
                        answer.complete(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.abort();
            }
        }
    }
}

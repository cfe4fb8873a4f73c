package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RateLimitIT {
    @Test
    void aBurstOverTheLimitGets429WithHeadersAndTheBucketRefills() throws Exception {
        try (LogCapture logs = new LogCapture(); TestApi api = new TestApi(2, 5, List.of())) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> ok = api.get("/offers?limit=1");
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("RateLimit-Limit")).hasValue("5");
                assertThat(ok.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(4 - i));
                assertThat(ok.headers().firstValue("RateLimit-Reset")).isPresent();
                assertThat(ok.headers().firstValue("Retry-After")).isEmpty();
            }
            HttpResponse<String> refused = api.get("/offers?limit=1");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("RateLimit-Limit")).hasValue("5");
            assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(refused.headers().firstValue("RateLimit-Reset")).hasValue("3");
            assertThat(TestApi.json(refused).at("/error/code").asText()).isEqualTo("rate_limited");

            // another token has its own bucket
            assertThat(api.get("/offers?limit=1", "X-API-Key", TestApi.SECOND).statusCode()).isEqualTo(200);

            // half a second refills one request at 2/s
            api.clock.advance(Duration.ofMillis(500));
            HttpResponse<String> again = api.get("/offers?limit=1");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.headers().firstValue("RateLimit-Remaining")).hasValue("0");
            assertThat(api.get("/offers?limit=1").statusCode()).isEqualTo(429);

            // after burst / rate seconds the bucket is full again
            api.clock.advance(Duration.ofSeconds(3));
            for (int i = 0; i < 5; i++) {
                assertThat(api.get("/offers?limit=1").statusCode()).isEqualTo(200);
            }
            assertThat(api.get("/offers?limit=1").statusCode()).isEqualTo(429);

            List<String> warnings = logs.lines().stream().filter(l -> l.contains("Rate limit exceeded")).toList();
            assertThat(warnings).isNotEmpty().allMatch(l -> l.contains("frontend team"));
            assertThat(operationsGrepFinds(warnings)).as("docs/OPERATIONS.md's grep finds the line").isTrue();
            assertThat(String.join("\n", logs.lines())).doesNotContain(TestApi.TOKEN);
        }
    }

    @Test
    void healthIsNeitherAuthenticatedNorLimited() {
        try (TestApi api = new TestApi(1, 1, List.of())) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = api.get("/health", new String[0]);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("RateLimit-Limit")).isEmpty();
            }
        }
    }

    /** Runs the grep that docs/OPERATIONS.md gives for "who exceeded the API's rate limit" over {@code lines}. */
    static boolean operationsGrepFinds(List<String> lines) throws Exception {
        Path docs = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(docs.resolve("docs/OPERATIONS.md"))) {
            docs = docs.getParent();
            assertThat(docs).as("docs/OPERATIONS.md above the module").isNotNull();
        }
        String line = Files.readAllLines(docs.resolve("docs/OPERATIONS.md")).stream()
                .filter(l -> l.startsWith("grep ") && l.contains("rate limit")).findFirst().orElseThrow();
        Matcher pattern = Pattern.compile("grep -h '([^']+)'").matcher(line);
        assertThat(pattern.find()).as(line).isTrue();
        Path log = Files.createTempFile("che168-ratelimit-", ".log");
        try {
            Files.write(log, lines);
            Process grep = new ProcessBuilder("grep", "-c", "-e", pattern.group(1), log.toString()).start();
            String count = new String(grep.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            grep.waitFor();
            return count.equals(Integer.toString(lines.size()));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

package com.che168sync.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code curl} line of docs/API.md, run as printed by bash and the real curl against a real server: only the
 * host and port are the test server's, {@code $T} a valid token. A placeholder is filled from the output of the line
 * before it ({@code <meta.next_cursor …>}, {@code <meta.next_since>}: that field of its JSON; {@code <that tag>}: its
 * ETag). Each line must answer the status its comment names ({@code # 304}), else 200.
 */
class ApiExamplesIT {
    private static final Pattern STATUS = Pattern.compile("HTTP_STATUS:(\\d{3})");
    private static final Pattern META = Pattern.compile("<meta\\.([a-z_]+)[^>]*>");
    private static final Pattern ETAG = Pattern.compile("(?i)etag: \"([^\"]+)\"");
    private static TestApi api;
    private static Path home;

    @BeforeAll
    static void start() throws IOException {
        api = new TestApi().withListings(2_000, 5);
        // the listing the examples show, BMWs from 2018 on, a model named 朗逸 with more than one page
        api.dsl.execute("UPDATE processed_data SET inner_id = '53692747', is_active = true, normalized_data = "
                + "normalized_data || '{\"inner_id\": \"53692747\"}' WHERE inner_id = '900000001'");
        api.dsl.execute("UPDATE processed_data SET mark = 'BMW', year = 2019 WHERE id % 20 = 1");
        api.dsl.execute("UPDATE processed_data SET model = '朗逸', car_name = 'Volkswagen 朗逸 2020' WHERE id % 8 = 3");
        api.dsl.execute("ANALYZE processed_data");
        api.clock.advance(java.time.Duration.ofSeconds(1));
        home = Files.createTempDirectory("api-examples");
        Files.writeString(home.resolve(".curlrc"), "write-out = \"\\nHTTP_STATUS:%{http_code}\\n\"\n");
    }

    @AfterAll
    static void stop() throws IOException {
        api.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void everyCurlLineOfTheApiReferenceWorksAsPrinted() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")),
                "curl is not installed: the examples of docs/API.md cannot be run");
        List<String> lines = curlLines(Files.readString(docs(), StandardCharsets.UTF_8));
        assertThat(lines).hasSizeGreaterThan(15);
        String previous = "";
        for (String printed : lines) {
            String line = fill(printed, previous)
                    .replace("http://localhost:8080", "http://127.0.0.1:" + api.server.port());
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -o pipefail; " + line)
                    .directory(home.toFile()).redirectErrorStream(false);
            pb.environment().put("HOME", home.toString());
            pb.environment().put("T", TestApi.TOKEN);
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(printed + "\n" + out + err).isZero();
            Matcher expected = Pattern.compile("#.*\\b([1-5]\\d\\d)\\b").matcher(printed);
            Matcher status = STATUS.matcher(out);
            if (status.find()) {
                assertThat(status.group(1)).as(printed + "\n" + out).isEqualTo(expected.find() ? expected.group(1)
                        : "200");
            } else if (!line.contains("| grep")) {
                assertThat(out).as(printed).matches("(?s)\\s*(200|304)\\s*");
                assertThat(out.strip()).isEqualTo(expected.find() ? expected.group(1) : "200");
            }
            previous = out;
        }
    }

    /** The placeholders of a line, from the previous line's output. */
    private static String fill(String line, String previousOutput) throws IOException {
        Matcher meta = META.matcher(line);
        if (meta.find()) {
            JsonNode json = TestApi.JSON.readTree(STATUS.matcher(previousOutput).replaceAll(""));
            String value = json.at("/meta/" + meta.group(1)).asText();
            assertThat(value).as(line).isNotBlank().isNotEqualTo("null");
            return line.replace(meta.group(), value);
        }
        if (line.contains("<that tag>")) {
            Matcher tag = ETAG.matcher(previousOutput);
            assertThat(tag.find()).as(previousOutput).isTrue();
            return line.replace("<that tag>", tag.group(1));
        }
        assertThat(line).as("an unknown placeholder").doesNotContainPattern("<[a-z][^>]*>");
        return line;
    }

    private static List<String> curlLines(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean bash = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                bash = line.equals("```bash");
            } else if (bash && line.startsWith("curl ")) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static Path docs() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/API.md"))) {
                return dir.resolve("docs/API.md");
            }
        }
        throw new IllegalStateException("docs/API.md not found above " + Path.of("").toAbsolutePath());
    }
}

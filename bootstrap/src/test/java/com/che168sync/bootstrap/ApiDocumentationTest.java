package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/API.md against the OpenAPI document the server serves: the same endpoints, and every parameter of the
 * document described in the endpoint's section, so the human documentation cannot drift from the API.
 */
class ApiDocumentationTest {
    private static final String OPENAPI = "/com/che168sync/adapter/http/openapi.json";
    private static final Pattern HEADING = Pattern.compile("(?m)^## (GET|POST|PUT|PATCH|DELETE) (/\\S*)");

    @Test
    void everyEndpointOfTheOpenApiDocumentHasASectionAndNoOtherIsDocumented() throws IOException {
        Map<String, String> sections = sections();
        assertThat(sections.keySet()).containsExactlyInAnyOrderElementsOf(operations(openApi()).keySet());
    }

    @Test
    void everyParameterOfAnEndpointIsDescribedInItsSection() throws IOException {
        Map<String, String> sections = sections();
        operations(openApi()).forEach((operation, node) -> {
            String section = sections.get(operation);
            for (JsonNode parameter : node.path("parameters")) {
                assertThat(section).as("%s documents its parameter %s", operation, parameter.path("name").asText())
                        .contains("`" + parameter.path("name").asText() + "`");
            }
        });
    }

    @Test
    void everyEndpointHasACurlExample() throws IOException {
        sections().forEach((operation, section) -> assertThat(section).as(operation).contains("curl -s"));
    }

    private static JsonNode openApi() throws IOException {
        try (InputStream in = ApiDocumentationTest.class.getResourceAsStream(OPENAPI)) {
            assertThat(in).as("the OpenAPI document on the classpath: " + OPENAPI).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    /** "GET /offers" → the operation's node. */
    private static Map<String, JsonNode> operations(JsonNode openApi) {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        openApi.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method ->
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue())));
        return operations;
    }

    /** "GET /offers" → the text of its section in docs/API.md. */
    private static Map<String, String> sections() throws IOException {
        String doc = Files.readString(repositoryRoot().resolve("docs/API.md"));
        Matcher m = HEADING.matcher(doc);
        List<int[]> bounds = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1) + " " + m.group(2));
            bounds.add(new int[] {m.start(), m.end()});
        }
        Map<String, String> sections = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            int end = i + 1 < bounds.size() ? bounds.get(i + 1)[0] : doc.length();
            int nextTopLevel = doc.indexOf("\n## ", bounds.get(i)[1]);
            sections.put(names.get(i), doc.substring(bounds.get(i)[1], nextTopLevel < 0 ? end : Math.min(end,
                    nextTopLevel)));
        }
        return sections;
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/API.md"))) {
                return dir;
            }
        }
        throw new IllegalStateException("docs/API.md not found above " + Path.of("").toAbsolutePath());
    }
}

package com.che168sync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.che168sync.bootstrap.config.Settings;
import com.che168sync.bootstrap.config.SettingsLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment files at the repository root (docs/rules.md#deployment) say what the product needs: the Dockerfile builds and runs
 * the jar this module builds, the compose file has PostgreSQL 17, the API and the daily jobs, the crontab runs
 * {@code daily} at 02:00, and {@code .env.example} documents every setting name of docs/rules.md#commands-and-exit-codes and loads as it is.
 * {@code docker compose config} validates the compose file where the compose plugin exists.
 */
class DeploymentFilesTest {
    /** The environment names of docs/rules.md#commands-and-exit-codes (and SECRET_KEY): scripts and cron depend on them. */
    private static final List<String> OPERATOR_SETTINGS = List.of("DB_HOST", "DB_PORT", "DB_USER", "DB_PASSWORD",
            "DB_NAME", "CHE168_API_KEY", "CHE168_ACCESS_NAME", "CHE168_BASE_URL", "API_PORT", "LOG_DIR", "DATA_DIR",
            "SECRET_KEY");

    private static final Path ROOT = repositoryRoot();

    @TempDir
    Path work;

    @Test
    void dockerfileBuildsTheJarOfThisModuleOnAJdkAndRunsItOnAJreAsANonRootUser() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> froms = lines(dockerfile, "^FROM\\s+(.+)$");
        assertThat(froms).hasSize(2);
        assertThat(froms.get(0)).contains("JDK_IMAGE").endsWith("AS build");
        assertThat(argDefault(dockerfile, "JDK_IMAGE")).matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jdk.*");
        assertThat(argDefault(dockerfile, "JRE_IMAGE")).matches("eclipse-temurin:(2[1-9]|[3-9]\\d)-jre.*");
        assertThat(froms.get(1)).contains("JRE_IMAGE");
        assertThat(dockerfile).contains("./mvnw -B -ntp package -DskipTests -pl bootstrap -am");

        String finalName = matchOne(Files.readString(ROOT.resolve("bootstrap/pom.xml")), "<finalName>([^<]+)</finalName>");
        assertThat(dockerfile).contains("COPY --from=build /src/bootstrap/target/" + finalName + ".jar ")
                .contains("COPY --from=build /src/bootstrap/target/libs/ /app/libs/");
        assertThat(Files.readString(ROOT.resolve("deploy/che168-container"))).contains("/app/" + finalName + ".jar");

        String runStage = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        List<String> users = lines(runStage, "^USER\\s+(\\S+)$");
        assertThat(users).hasSize(1).doesNotContain("root", "0");
        assertThat(runStage.indexOf("\nUSER ")).isLessThan(runStage.indexOf("\nENTRYPOINT "));

        // the host's ./logs is bind-mounted on /app/logs: DEPLOYMENT's steps give it to the containers' user
        String uid = matchOne(runStage, "useradd [^\\n]*--uid (\\d+)");
        assertThat(matchOne(runStage, "groupadd [^\\n]*--gid (\\d+)")).isEqualTo(uid);
        assertThat(Files.readString(ROOT.resolve("docs/DEPLOYMENT.md")))
                .contains("chown " + uid + ":" + uid + " /opt/che168-sync/logs");
        assertThat(runStage).containsPattern("HEALTHCHECK [^\\n]*(\\\\\\n[^\\n]*)*/health");
        assertThat(lines(runStage, "^CMD\\s+(.+)$")).containsExactly("[\"serve\"]");
    }

    @Test
    void everyFileTheDockerfileCopiesFromTheContextExistsAndNoSecretGetsIn() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        for (String copy : lines(dockerfile, "^COPY\\s+(?!--from)(.+)$")) {
            List<String> parts = List.of(copy.trim().split("\\s+"));
            for (String source : parts.subList(0, parts.size() - 1)) {
                assertThat(ROOT.resolve(source)).as("COPY " + copy).exists();
            }
        }
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
        assertThat(ignored).contains(".env", "data", "logs", "**/target", ".git");
    }

    @Test
    void composeRunsPostgres17WithAVolumeTheApiAndTheDailyJobs() throws IOException {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        assertThat(fieldNames(services)).contains("postgres", "api", "jobs");

        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("image").asText()).matches("postgres:17(\\.\\d+)?(-.*)?");
        assertThat(texts(postgres.path("volumes"))).anyMatch(v -> v.startsWith("pgdata:/var/lib/postgresql/data"));
        assertThat(fieldNames(compose.path("volumes"))).contains("pgdata");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");

        assertThat(texts(services.path("api").path("command"))).containsExactly("serve");
        // the API and the database are published on the host's loopback only unless .env widens the API's
        assertThat(texts(services.path("api").path("ports")))
                .containsExactly("${API_PUBLISH_ADDRESS:-127.0.0.1}:${API_PUBLISH_PORT:-8080}:${API_PORT:-8080}");
        assertThat(texts(postgres.path("ports"))).allMatch(p -> p.startsWith("127.0.0.1:"));
        assertThat(Files.readAllLines(ROOT.resolve(".env.example"))).contains("API_PUBLISH_ADDRESS=127.0.0.1");
        assertThat(texts(services.path("jobs").path("entrypoint"))).containsExactly("/app/deploy/jobs-loop.sh");
        assertThat(texts(services.path("jobs").path("command"))).containsExactly("/app/deploy/crontab");
        assertThat(texts(services.path("jobs").path("volumes"))).contains("./deploy/crontab:/app/deploy/crontab:ro");
        assertThat(compose.path("x-app").path("env_file").asText()).isEqualTo(".env");
        assertThat(compose.path("x-app").path("environment").path("DB_HOST").asText()).isEqualTo("postgres");
    }

    @Test
    void crontabRunsDailyAtTwoAndReconcilesOnSundaysInTheFormTheJobsLoopReads() throws IOException {
        List<String> entries = Files.readAllLines(ROOT.resolve("deploy/crontab")).stream()
                .filter(line -> !line.isBlank() && !line.trim().startsWith("#"))
                .toList();
        assertThat(entries).containsExactly("0 2 * * * che168 daily", "0 4 * * 0 che168 reconcile");
        assertThat(Files.isExecutable(ROOT.resolve("deploy/jobs-loop.sh"))).isTrue();
        assertThat(Files.isExecutable(ROOT.resolve("deploy/che168-container"))).isTrue();
    }

    @Test
    void envExampleDocumentsEverySettingOfTheSpecAndLoadsAsItIs() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve(".env.example"));
        Set<String> keys = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=").matcher(lines.get(i));
            if (m.find()) {
                keys.add(m.group(1));
                assertThat(lines.get(i - 1)).as("the line above %s explains it", m.group(1)).startsWith("#");
            }
        }
        assertThat(keys).containsAll(OPERATOR_SETTINGS);

        Files.copy(ROOT.resolve(".env.example"), work.resolve(".env"));
        Settings settings = SettingsLoader.load(null, work, Map.of());
        assertThat(settings.db().host()).as("a copied .env.example keeps the embedded PostgreSQL").isEmpty();
        assertThat(settings.db().embedded()).isTrue();
        assertThat(settings.api().port()).isEqualTo(8080);
    }

    @Test
    void dockerComposeAcceptsTheComposeFile() throws IOException, InterruptedException {
        Result version = run(List.of("docker", "compose", "version"), Map.of());
        assumeThat(version.exitCode())
                .as("SKIPPED: `docker compose` (the compose plugin) is not installed here, so `docker compose config` "
                        + "cannot check docker-compose.yml: %s", version.output().strip())
                .isZero();
        Files.copy(ROOT.resolve(".env.example"), work.resolve(".env"));
        List<String> command = List.of("docker", "compose", "--project-directory", ROOT.toString(), "--env-file",
                work.resolve(".env").toString(), "-f", ROOT.resolve("docker-compose.yml").toString(), "config",
                "--quiet");
        Result config = run(command, Map.of());
        assertThat(config.exitCode()).as(config.output()).isZero();
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(127, command.get(0) + " is not installed: " + notInstalled.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(124, "timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }

    private static String argDefault(String dockerfile, String name) {
        return matchOne(dockerfile, "(?m)^ARG " + name + "=(\\S+)$");
    }

    private static String matchOne(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the file", regex).isTrue();
        return m.group(1);
    }

    private static List<String> lines(String text, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1).trim());
        }
        return found;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.forEach(item -> values.add(item.asText()));
        return values;
    }

    /** The repository root, found upwards from the working directory. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (docker-compose.yml) is not above "
                + Path.of("").toAbsolutePath());
    }
}

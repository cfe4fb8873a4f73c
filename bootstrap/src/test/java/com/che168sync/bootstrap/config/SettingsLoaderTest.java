package com.che168sync.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path dir;

    private Settings load(Map<String, String> env) {
        return SettingsLoader.load(null, dir, env);
    }

    @Test
    void withoutAnyFileTheBuiltInDefaultsApply() {
        Settings s = load(Map.of());
        assertThat(s.configFile()).isEmpty();
        assertThat(s.db().embedded()).isTrue();
        assertThat(s.db().name()).isEqualTo("che168");
        assertThat(s.db().embeddedDataDir()).isEqualTo(dir.resolve("data/postgres"));
        assertThat(s.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(s.source().pageSize()).isEqualTo(20);
        assertThat(s.source().baseUrl()).isEmpty();
        assertThat(s.retry().attempts()).isEqualTo(20);
        assertThat(s.retry().interval()).isEqualTo(Duration.ofMinutes(12));
        assertThat(s.retry().total()).isEqualTo(Duration.ofHours(4));
        assertThat(s.load().estimatedTotal()).isEqualTo(250_000);
        assertThat(s.update().fetchUnknownDetails()).isTrue();
        assertThat(s.normalize().batchSize()).isEqualTo(200);
        assertThat(s.api().port()).isEqualTo(8080);
        assertThat(s.api().corsOrigins()).isEmpty();
        assertThat(s.logging().retentionDays()).isEqualTo(7);
        assertThat(s.logging().dir()).isEqualTo(dir.resolve("logs"));
        assertThat(s.logging().level()).isEqualTo("INFO");
        assertThat(s.logging().progressInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.source().feedZone()).isEqualTo(ZoneOffset.ofHours(3));
    }

    @Test
    void theCommentedConfigYamlAtTheRepositoryRootEqualsTheBuiltInDefaults() throws IOException {
        Files.copy(Path.of("..", "config.yaml"), dir.resolve("config.yaml"));
        Settings fromFile = load(Map.of());
        Settings defaults = SettingsLoader.load(null, Files.createDirectory(dir.resolve("empty")), Map.of());
        assertThat(fromFile.configFile()).contains(dir.resolve("config.yaml"));
        assertThat(fromFile.api()).isEqualTo(defaults.api());
        assertThat(fromFile.source()).isEqualTo(defaults.source());
        assertThat(fromFile.retry()).isEqualTo(defaults.retry());
        assertThat(fromFile.normalize()).isEqualTo(defaults.normalize());
        assertThat(fromFile.load()).isEqualTo(defaults.load());
        assertThat(fromFile.update()).isEqualTo(defaults.update());
        assertThat(fromFile.logging().level()).isEqualTo(defaults.logging().level());
        assertThat(fromFile.db().poolSize()).isEqualTo(defaults.db().poolSize());
    }

    @Test
    void environmentBeatsDotenvWhichBeatsConfigYaml() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), """
                api:
                  port: 9000
                  rate_limit:
                    rate: 5
                normalize:
                  batch_size: 50
                retry:
                  interval: 30s
                """);
        Files.writeString(dir.resolve(".env"), "API_PORT=9100\nNORMALIZE_BATCH_SIZE=70\nDB_PASSWORD=s3cret-pw\n");
        Settings s = load(Map.of("API_PORT", "9200"));
        assertThat(s.api().port()).isEqualTo(9200);
        assertThat(s.normalize().batchSize()).isEqualTo(70);
        assertThat(s.api().rateLimitPerSecond()).isEqualTo(5);
        assertThat(s.retry().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.db().password()).isEqualTo("s3cret-pw");
    }

    @Test
    void aNonNumericPortStopsWithAMessageNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("DB_PORT", "abc")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("DB_PORT")
                .hasMessageContaining("'abc'")
                .hasMessageContaining("environment")
                .extracting(e -> ((SettingsException) e).key()).isEqualTo("DB_PORT");
    }

    @Test
    void anOutOfRangeValueInConfigYamlNamesTheKeyAndTheFile() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "api:\n  port: 70000\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("API_PORT (config.yaml: api.port)")
                .hasMessageContaining("between 1 and 65535")
                .hasMessageContaining("set in config.yaml");
    }

    @Test
    void theLimitWithoutATokenIsReadFromConfigYamlAndTheEnvironmentOverridesIt() throws IOException {
        ApiConfig defaults = load(Map.of()).api();
        assertThat(defaults.unauthenticatedPerSecond()).isEqualTo(1);
        assertThat(defaults.unauthenticatedBurst()).isEqualTo(20);
        assertThat(defaults.unauthenticatedMaxClients()).isEqualTo(10_000);
        Files.writeString(dir.resolve("config.yaml"), """
                api:
                  rate_limit:
                    unauthenticated:
                      rate: 2
                      burst: 5
                      max_clients: 300
                """);
        ApiConfig fromFile = load(Map.of("API_RATE_LIMIT_UNAUTHENTICATED_BURST", "7")).api();
        assertThat(fromFile.unauthenticatedPerSecond()).isEqualTo(2);
        assertThat(fromFile.unauthenticatedBurst()).isEqualTo(7);
        assertThat(fromFile.unauthenticatedMaxClients()).isEqualTo(300);
        assertThatThrownBy(() -> load(Map.of("API_RATE_LIMIT_UNAUTHENTICATED_MAX_CLIENTS", "0")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("API_RATE_LIMIT_UNAUTHENTICATED_MAX_CLIENTS")
                .hasMessageContaining("api.rate_limit.unauthenticated.max_clients");
    }

    @Test
    void aMisspelledKeyInConfigYamlIsRefused() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "api:\n  prot: 8081\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("Unknown setting 'api.prot'");
    }

    @Test
    void brokenYamlIsRefusedWithItsLocation() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "api:\n  port: [8080\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("not valid YAML at line");
    }

    @Test
    void anExplicitConfigFileMustExist() {
        assertThatThrownBy(() -> SettingsLoader.load(Path.of("missing.yaml"), dir, Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("missing.yaml")
                .hasMessageContaining("--config");
    }

    @Test
    void badDurationsAndBooleansAreNamed() {
        assertThatThrownBy(() -> load(Map.of("RETRY_INTERVAL", "12 minutes")))
                .hasMessageContaining("RETRY_INTERVAL").hasMessageContaining("duration");
        assertThatThrownBy(() -> load(Map.of("RETRY_INTERVAL", "0s")))
                .hasMessageContaining("RETRY_INTERVAL");
        assertThatThrownBy(() -> load(Map.of("UPDATE_FETCH_UNKNOWN_DETAILS", "maybe")))
                .hasMessageContaining("UPDATE_FETCH_UNKNOWN_DETAILS");
        assertThatThrownBy(() -> load(Map.of("LOG_LEVEL", "LOUD")))
                .hasMessageContaining("LOG_LEVEL");
        assertThatThrownBy(() -> load(Map.of("NORMALIZE_BATCH_SIZE", "0")))
                .hasMessageContaining("NORMALIZE_BATCH_SIZE");
        assertThatThrownBy(() -> load(Map.of("LOG_PROGRESS_INTERVAL", "often")))
                .hasMessageContaining("LOG_PROGRESS_INTERVAL");
    }

    @Test
    void theFeedZoneTakesOffsetsAndRegionNamesAndNamesABadOne() {
        assertThat(load(Map.of("SOURCE_FEED_ZONE", "UTC")).source().feedZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(load(Map.of("SOURCE_FEED_ZONE", "Europe/Moscow")).source().feedZone())
                .isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThatThrownBy(() -> load(Map.of("SOURCE_FEED_ZONE", "Moscow")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("SOURCE_FEED_ZONE").hasMessageContaining("source.feed_zone")
                .hasMessageContaining("time zone");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        assertThat(load(Map.of("SOURCE_CALL_TIMEOUT", "1500ms")).source().callTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(load(Map.of("SOURCE_CALL_TIMEOUT", "PT2M")).source().callTimeout())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(load(Map.of("SOURCE_CALL_TIMEOUT", "4h")).source().callTimeout())
                .isEqualTo(Duration.ofHours(4));
    }

    @Test
    void theSourceUrlIsBuiltFromTheAccessNameUnlessABaseUrlIsGiven() {
        assertThat(load(Map.of("CHE168_ACCESS_NAME", "acme")).source().baseUrl())
                .contains(URI.create("https://acme.auto-api.com/api/v2/che168"));
        assertThat(load(Map.of("CHE168_ACCESS_NAME", "acme", "CHE168_BASE_URL", "http://127.0.0.1:9999/api/v2/che168/"))
                .source().baseUrl()).contains(URI.create("http://127.0.0.1:9999/api/v2/che168"));
        assertThatThrownBy(() -> load(Map.of("CHE168_BASE_URL", "ftp://x")))
                .hasMessageContaining("CHE168_BASE_URL");
        assertThatThrownBy(() -> load(Map.of("CHE168_ACCESS_NAME", "a/b?c")))
                .hasMessageContaining("CHE168_ACCESS_NAME");
    }

    @Test
    void commandsThatNeedTheSourceGetAMessageNamingTheMissingKey() {
        SourceConfig source = load(Map.of()).source();
        assertThatThrownBy(source::requireApiKey).hasMessageContaining("CHE168_API_KEY");
        assertThatThrownBy(source::requireBaseUrl).hasMessageContaining("CHE168_ACCESS_NAME");
    }

    @Test
    void anExternalServerIsUsedWhenDbHostIsSet() {
        DbConfig db = load(Map.of("DB_HOST", "db.internal", "DB_PORT", "6543", "DB_USER", "che",
                "DB_PASSWORD", "pw-123456", "DB_NAME", "mirror")).db();
        assertThat(db.embedded()).isFalse();
        assertThat(db.host()).isEqualTo(Optional.of("db.internal"));
        assertThat(db.port()).isEqualTo(6543);
        assertThat(db.name()).isEqualTo("mirror");
        assertThatThrownBy(() -> load(Map.of("DB_NAME", "x; drop"))).hasMessageContaining("DB_NAME");
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() throws IOException {
        Settings s = load(Map.of("DB_PASSWORD", "pw-very-secret", "CHE168_API_KEY", "key-very-secret",
                "SECRET_KEY", "sk-very-secret"));
        assertThat(s.toString()).doesNotContain("pw-very-secret", "key-very-secret", "sk-very-secret");
        assertThat(s.secrets()).containsExactlyInAnyOrder("pw-very-secret", "key-very-secret", "sk-very-secret");
        Files.writeString(dir.resolve(".env"), "CHE168_API_KEY key-very-secret without equals\n");
        assertThatThrownBy(() -> load(Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining(".env")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("key-very-secret"));
    }

    @Test
    void listsAcceptYamlSequencesAndCommaSeparatedEnvironmentValues() throws IOException {
        Files.writeString(dir.resolve("config.yaml"), "api:\n  cors_origins: [https://a.example, https://b.example]\n");
        assertThat(load(Map.of()).api().corsOrigins()).isEqualTo(List.of("https://a.example", "https://b.example"));
        assertThat(load(Map.of("API_CORS_ORIGINS", "*")).api().corsOrigins()).isEqualTo(List.of("*"));
    }

    @Test
    void theReconciliationValveIsAShareOrAPercentage() throws Exception {
        assertThat(load(Map.of()).reconcile()).isEqualTo(new ReconcileConfig(0.05, 5000));
        assertThat(load(Map.of("RECONCILE_MAX_CHANGE_SHARE", "2.5%", "RECONCILE_CONFIRM_BUDGET", "0")).reconcile())
                .isEqualTo(new ReconcileConfig(0.025, 0));
        assertThatThrownBy(() -> load(Map.of("RECONCILE_MAX_CHANGE_SHARE", "5")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("RECONCILE_MAX_CHANGE_SHARE (config.yaml: reconcile.max_change_share)")
                .hasMessageContaining("between 0 and 1");
    }
}

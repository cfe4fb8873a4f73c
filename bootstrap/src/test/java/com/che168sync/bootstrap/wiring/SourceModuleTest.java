package com.che168sync.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.adapter.che168.Che168ClientSettings;
import com.che168sync.application.retry.RetrySettings;
import com.che168sync.bootstrap.config.RetryConfig;
import com.che168sync.bootstrap.config.SettingsException;
import com.che168sync.bootstrap.config.SourceConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceModuleTest {
    private static SourceConfig source(Optional<URI> base, Optional<String> key) {
        return new SourceConfig(base, key, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120),
                "che168-sync/1.0", 20, ZoneOffset.ofHours(3));
    }

    @Test
    void productSettingsMapOntoTheClientSettings() {
        Che168ClientSettings client = SourceModule.clientSettings(
                source(Optional.of(URI.create("http://127.0.0.1:8168/api/v2/che168")), Optional.of("K")));

        assertThat(client.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8168/api/v2/che168"));
        assertThat(client.apiKey()).isEqualTo("K");
        assertThat(client.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(client.callTimeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void missingOrInvalidSourceSettingsAreNamedWithoutTheSecret() {
        assertThatThrownBy(() -> SourceModule.clientSettings(source(Optional.of(URI.create("http://h/")), Optional.empty())))
                .isInstanceOf(SettingsException.class).hasMessageContaining("CHE168_API_KEY");
        assertThatThrownBy(() -> SourceModule.clientSettings(source(Optional.empty(), Optional.of("K"))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("CHE168_ACCESS_NAME");
        assertThatThrownBy(() -> SourceModule.clientSettings(
                source(Optional.of(URI.create("http://h/")), Optional.of("sec ret\u00e9"))))
                .isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).key()).isEqualTo("CHE168_API_KEY"))
                .hasMessageNotContaining("sec ret");
    }

    @Test
    void clientIsClosedWithTheRun() {
        Lifecycle lifecycle = new Lifecycle();
        var client = SourceModule.che168Source(
                source(Optional.of(URI.create("http://127.0.0.1:9/api/v2/che168")), Optional.of("K")),
                Clock.systemUTC(), lifecycle);

        assertThat(client).isNotNull();
        lifecycle.close();
    }

    @Test
    void retryDefaultsAreTwentyAttemptsTwelveMinutesApartFourHoursInAll() {
        assertThat(SourceModule.retrySettings(new RetryConfig(20, Duration.ofMinutes(12))))
                .isEqualTo(new RetrySettings(20, Duration.ofMinutes(12), Duration.ofHours(4)));
        assertThatThrownBy(() -> SourceModule.retrySettings(new RetryConfig(0, Duration.ofMinutes(12))))
                .isInstanceOf(SettingsException.class).hasMessageContaining("retry.attempts");
    }
}

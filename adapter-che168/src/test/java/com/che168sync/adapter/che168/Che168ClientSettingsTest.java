package com.che168sync.adapter.che168;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Che168ClientSettingsTest {
    @Test
    void baseUrlSettingWinsOverTheAccessName() {
        assertThat(Che168ClientSettings.baseUrlFor(" http://127.0.0.1:8168/api/v2/che168 ", "acme"))
                .isEqualTo(URI.create("http://127.0.0.1:8168/api/v2/che168"));
    }

    @Test
    void accessNameBuildsTheDocumentedUrl() {
        assertThat(Che168ClientSettings.baseUrlFor("", "acme-1"))
                .isEqualTo(URI.create("https://acme-1.auto-api.com/api/v2/che168"));
        assertThat(Che168ClientSettings.baseUrlFor(null, "acme"))
                .isEqualTo(URI.create("https://acme.auto-api.com/api/v2/che168"));
    }

    @Test
    void missingOrBadBaseSettingsAreNamed() {
        assertThatThrownBy(() -> Che168ClientSettings.baseUrlFor(" ", null)).hasMessageContaining("CHE168_ACCESS_NAME");
        assertThatThrownBy(() -> Che168ClientSettings.baseUrlFor(null, "evil.com/x?"))
                .hasMessageContaining("CHE168_ACCESS_NAME");
        assertThatThrownBy(() -> Che168ClientSettings.baseUrlFor("http://a b", null)).hasMessageContaining("CHE168_BASE_URL");
        assertThatThrownBy(() -> Che168ClientSettings.of(URI.create("ftp://host/x"), "k"))
                .hasMessageContaining("CHE168_BASE_URL");
        assertThatThrownBy(() -> Che168ClientSettings.of(URI.create("http://host/x?api_key=k"), "k"))
                .hasMessageContaining("CHE168_BASE_URL");
    }

    @Test
    void keyIsRequiredAndMustFitAHeaderAndIsNeverEchoed() {
        URI base = URI.create("http://host/api/v2/che168");
        assertThatThrownBy(() -> Che168ClientSettings.of(base, " ")).hasMessageContaining("CHE168_API_KEY");
        assertThatThrownBy(() -> Che168ClientSettings.of(base, "ключ123")).hasMessageContaining("CHE168_API_KEY")
                .hasMessageNotContaining("ключ123");
        assertThat(Che168ClientSettings.of(base, "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void timeoutsMustBePositive() {
        Che168ClientSettings ok = Che168ClientSettings.of(URI.create("http://host/"), "k");
        assertThatThrownBy(() -> ok.withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("connect timeout");
        assertThatThrownBy(() -> ok.withUserAgent("")).hasMessageContaining("user agent");
    }
}

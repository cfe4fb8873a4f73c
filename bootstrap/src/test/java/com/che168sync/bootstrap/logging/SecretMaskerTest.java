package com.che168sync.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final SecretMasker masker = new SecretMasker();

    @Test
    void configuredSecretsAreMaskedWherever() {
        masker.addSecret("hunter2-db-password");
        assertThat(masker.mask("connect failed for password hunter2-db-password!"))
                .isEqualTo("connect failed for password ***!");
    }

    @Test
    void apiKeyQueryValuesAreMaskedEvenWhenUnknown() {
        assertThat(masker.mask("GET https://x.auto-api.com/api/v2/che168/offers?page=3&api_key=abc123XYZ&x=1 failed"))
                .isEqualTo("GET https://x.auto-api.com/api/v2/che168/offers?page=3&api_key=***&x=1 failed");
        assertThat(masker.mask("header X-API-Key: k3y-value")).isEqualTo("header X-API-Key: ***");
        assertThat(masker.mask("Authorization: Bearer Ab12Cd34Ef56Gh78")).doesNotContain("Ab12Cd34Ef56Gh78");
    }

    @Test
    void tokenShapedWordsAreMasked() {
        assertThat(masker.mask("token Ab12Cd34Ef56Gh78 exceeded the rate limit"))
                .isEqualTo("token *** exceeded the rate limit");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String line = "Progress: 45.2% (112,500 / 250,000 records) | inner_id 1234567890123456 | DataSourceConfig";
        assertThat(masker.mask(line)).isEqualTo(line);
    }
}

package com.che168sync.application.port.out.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.che168sync.application.port.in.tokens.TokenRef;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
    @Test
    void generatedTokensAreSixteenAlphanumericsUsingTheWholeAlphabet() {
        SecureRandom random = new SecureRandom();
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String token = TokenFormat.generate(random);
            assertThat(token).matches("[A-Za-z0-9]{16}");
            token.chars().forEach(c -> seen.add((char) c));
        }
        assertThat(seen).hasSize(62);
    }

    @Test
    void maskingKeepsOnlyBothEnds() {
        assertThat(TokenFormat.mask("AbCd1234EfGh5678")).isEqualTo("AbCd********5678");
    }

    @Test
    void referencesAreIdsOrTokensAndNothingElse() {
        assertThat(TokenRef.parse("7")).isEqualTo(new TokenRef.ById(7));
        assertThat(TokenRef.parse(" AbCd1234EfGh5678 ")).isEqualTo(new TokenRef.ByToken("AbCd1234EfGh5678"));
        assertThatThrownBy(() -> TokenRef.parse("AbCd-1234")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenRef.parse("0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TokenRef.ByToken("AbCd1234EfGh5678").toString()).doesNotContain("1234EfGh");
    }
}

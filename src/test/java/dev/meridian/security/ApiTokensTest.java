package dev.meridian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void accepts_onlyConfiguredTokens_exactly() {
        ApiTokens tokens = new ApiTokens(List.of("alpha-token", "beta-token"));

        assertThat(tokens.accepts("alpha-token")).isTrue();
        assertThat(tokens.accepts("beta-token")).isTrue();
        assertThat(tokens.accepts("alpha-toke")).isFalse();
        assertThat(tokens.accepts("alpha-token ")).isFalse();
        assertThat(tokens.accepts("ALPHA-TOKEN")).isFalse();
        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts(null)).isFalse();
    }

    @Test
    void noTokensConfigured_acceptsNothing() {
        ApiTokens tokens = new ApiTokens(List.of());

        assertThat(tokens.accepts("")).isFalse();
        assertThat(tokens.accepts("anything")).isFalse();
    }

    @Test
    void properties_dropBlankTokens_andTrim() {
        SecurityProperties properties = new SecurityProperties(true, " ", java.util.Arrays.asList(" a ", "", null, "b"));

        assertThat(properties.apiTokens()).containsExactly("a", "b");
        assertThat(properties.adminPassword()).isNull();
    }

    @Test
    void toString_neverShowsATokenOrItsDigest() {
        assertThat(new ApiTokens(List.of("alpha-token"))).hasToString("ApiTokens[1 configured]");
    }
}

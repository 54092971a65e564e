package dev.meridian.query.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogPatternsTest {

    @Test
    void pattern_masksNumbersIdsUuidsAndQuotedStrings() {
        assertThat(LogPatterns.pattern("orders lookup took 2400 ms on replica-3"))
                .isEqualTo("orders lookup took <num> ms on replica<num>");
        assertThat(LogPatterns.pattern("user 'alice' request 3f2a9c1e-0b4d-4e8f-9a6b-1c2d3e4f5a6b failed"))
                .isEqualTo("user <str> request <uuid> failed");
        assertThat(LogPatterns.pattern("span 00f067aa0ba902b7 retried 3 times, backoff 1.5 s"))
                .isEqualTo("span <hex> retried <num> times, backoff <num> s");
        assertThat(LogPatterns.pattern("  many   spaces\n here ")).isEqualTo("many spaces here");
    }

    @Test
    void pattern_groupsMessagesThatDifferOnlyInTheirValues() {
        assertThat(LogPatterns.pattern("cache miss for key \"cart:42\" after 17 ms"))
                .isEqualTo(LogPatterns.pattern("cache miss for key \"cart:9001\" after 230 ms"));
        assertThat(LogPatterns.pattern("payment declined")).isNotEqualTo(LogPatterns.pattern("payment accepted"));
    }

    @Test
    void pattern_keepsWordsThatMerelyLookHex() {
        assertThat(LogPatterns.pattern("deadbeef facade accepted")).isEqualTo("deadbeef facade accepted");
    }

    @Test
    void longestLiteral_isTheLongestTextBetweenPlaceholders() {
        assertThat(LogPatterns.longestLiteral("orders lookup took <num> ms on replica<num>")).isEqualTo("orders lookup took");
        assertThat(LogPatterns.longestLiteral("<num>")).isEmpty();
    }
}

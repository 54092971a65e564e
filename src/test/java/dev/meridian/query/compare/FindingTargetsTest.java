package dev.meridian.query.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingTargetsTest {

    private static Map<String, String> window() {
        Map<String, String> window = new LinkedHashMap<>();
        window.put("from", "1000");
        window.put("to", "61000");
        return window;
    }

    @Test
    void attribute_encodesTelemetryTextLiterally_plusBracesDollarAndSpaces() {
        Findings.AttributeFinding finding = new Findings.AttributeFinding("q", "a+b {id} $x", 1, 0.1, 9, 2, 4,
                "cart service", false);
        assertThat(FindingTargets.attribute(finding).link(window())).isEqualTo(
                "traces?service=cart%20service&attr=q%3Da%2Bb%20%7Bid%7D%20%24x&sort=duration&from=1000&to=61000");
    }

    @Test
    void operation_boundIsTheSelectedSpanDuration_roundedDown() {
        Findings.OperationFinding finding = new Findings.OperationFinding("jvm", "Outer$Inner.run", 30, 2, 9, 90, 412.9);
        FindingTargets.Target target = FindingTargets.operation(finding);
        assertThat(target.parameters()).containsEntry("minDurationMs", List.of("412"))
                .containsEntry("operation", List.of("Outer$Inner.run"));
        assertThat(target.link(Map.of())).isEqualTo(
                "traces?service=jvm&operation=Outer%24Inner.run&minDurationMs=412&sort=duration");
        assertThat(FindingTargets.operation(new Findings.OperationFinding("jvm", "x", 0, 2, 0, 90, Double.NaN))
                .parameters()).doesNotContainKey("minDurationMs");
    }

    @Test
    void log_searchesTheLongestLiteralOfThePattern() {
        Findings.LogFinding finding = new Findings.LogFinding("slow query on replica<num> took <num> ms", 9, 0, 1, 0, 5,
                "slow query on replica-3 took 800 ms", "cart");
        assertThat(FindingTargets.log(finding).link(window()))
                .isEqualTo("logs?q=slow%20query%20on%20replica&service=cart&from=1000&to=61000");
        assertThat(Decimals.plain(500.0)).isEqualTo("500");
        assertThat(Decimals.plain(12.5)).isEqualTo("12.5");
    }
}

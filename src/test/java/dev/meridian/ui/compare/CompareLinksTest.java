package dev.meridian.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import dev.meridian.query.TraceSearch;
import dev.meridian.query.compare.Comparison;
import dev.meridian.query.compare.Findings;
import dev.meridian.query.compare.PathComparison;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.CompareLinks;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.traces.TraceSearchParameters;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompareLinksTest {

    private static final TimeSelection WINDOW = TimeSelection.absolute(Instant.ofEpochMilli(1_000), Instant.ofEpochMilli(61_000));

    @Test
    void compareLink_isTheViewsRoute_andReadsBackToTheSameComparison() {
        String link = CompareView.link("cart service", "Outer$Inner.run", 500.0, true, WINDOW);
        assertThat(link).isEqualTo(
                "compare?service=cart%20service&operation=Outer%24Inner.run&minDurationMs=500&status=error&from=1000&to=61000");
        assertThat(link.substring(0, link.indexOf('?'))).isEqualTo(CompareView.class.getAnnotation(Route.class).value());
        CompareParameters parsed = CompareParameters.fromParameters(
                QueryParameters.fromString(link.substring(link.indexOf('?') + 1)).getParameters());
        assertThat(parsed.service()).isEqualTo("cart service");
        assertThat(parsed.operation()).isEqualTo("Outer$Inner.run");
        assertThat(parsed.minDurationMs()).isEqualTo(500.0);
        assertThat(parsed.errorsOnly()).isTrue();
        assertThat(parsed.time()).isEqualTo(WINDOW);
    }

    @Test
    void parameters_dropWhatTheyCannotRead() {
        CompareParameters parsed = CompareParameters.fromParameters(Map.of("service", List.of("a"),
                "minDurationMs", List.of("-3"), "status", List.of("ok")));
        assertThat(parsed.minDurationMs()).isNull();
        assertThat(parsed.errorsOnly()).isFalse();
        assertThat(parsed.operation()).isNull();
        assertThat(CompareParameters.fromParameters(Map.of()).service()).isNull();
    }

    @Test
    void typicalLink_fillsTheViewsRouteTemplate() {
        TraceId id = new TraceId(0xabcL, 0xdefL);
        String template = TypicalView.class.getAnnotation(Route.class).value();
        assertThat(template).isEqualTo("compare/traces/:traceId");
        assertThat(TypicalView.link(id)).isEqualTo(template.replace(":traceId", "0000000000000abc0000000000000def"));
    }

    @Test
    void findingLinks_leadToTheTracesOrLogsBehindEachFinding() {
        assertThat(parameters(FindingLinks.attribute(new Findings.AttributeFinding("db.instance", "replica-3", 1, 0.2, 9,
                20, 4, "cart", false), WINDOW)))
                .isEqualTo(parameters("traces?service=cart&attr=db.instance%3Dreplica-3&sort=duration&from=1000&to=61000"));
        assertThat(parameters(FindingLinks.attribute(new Findings.AttributeFinding("host.name", "h1", 1, 0.2, 9, 20, 4,
                "cart", true), WINDOW))).isEqualTo(parameters("traces?service=cart&sort=duration&from=1000&to=61000"));
        // the bound is a span duration (the selected traces' median longest span), not a mean self time per trace
        assertThat(parameters(FindingLinks.operation(new Findings.OperationFinding("cart", "SELECT carts", 800, 20, 9, 100,
                412.7), WINDOW))).isEqualTo(parameters(
                "traces?service=cart&operation=SELECT%20carts&minDurationMs=412&sort=duration&from=1000&to=61000"));
        assertThat(parameters(FindingLinks.log(new Findings.LogFinding("slow query on replica<num> took <num> ms", 9, 0, 1,
                0, 5, "slow query on replica-3 took 800 ms", "cart"), WINDOW)))
                .isEqualTo(parameters("logs?q=slow%20query%20on%20replica&service=cart&from=1000&to=61000"));
    }

    @Test
    void findingLinks_readBackThroughTheTraceSearchsOwnParameters_withTelemetryTextIntact() {
        String link = FindingLinks.attribute(new Findings.AttributeFinding("job", "Outer$Inner.run {a+b}", 1, 0.2, 9, 20,
                4, "jvm svc", false), WINDOW);
        assertThat(link).startsWith("traces?");
        TraceSearchParameters search = TraceSearchParameters.fromParameters(
                QueryParameters.fromString(link.substring(link.indexOf('?') + 1)).getParameters());
        assertThat(search.service()).isEqualTo("jvm svc");
        assertThat(search.attributes()).singleElement().satisfies(f -> {
            assertThat(f.key()).isEqualTo("job");
            assertThat(f.value()).isEqualTo("Outer$Inner.run {a+b}");
        });
        assertThat(search.sort()).isEqualTo(TraceSearch.Sort.DURATION);
    }

    /** Path and parameters of a link, the parameters in no particular order. */
    private static List<String> parameters(String link) {
        int question = link.indexOf('?');
        List<String> parts = new java.util.ArrayList<>(List.of(link.substring(question + 1).split("&")));
        parts.sort(null);
        parts.addFirst(link.substring(0, question));
        return parts;
    }

    @Test
    void summary_saysWhatIsComparedAndWhetherSampledOrPartial() {
        TimeRange range = TimeRange.of(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T11:00:00Z"));
        String text = CompareText.summary(new Comparison("duration ≥ 500 ms", 500.0, 1000, 1000, 5000, 95000, true, true,
                Findings.NONE), range);
        assertThat(text).startsWith("Selected: duration ≥ 500 ms — 1000 traces against 1000 other traces")
                .contains("A uniform sample: the window holds 5000 selected and 95000 other requests.")
                .contains("Partial:");
        assertThat(CompareText.extra(0.01)).isEqualTo("±0");
        assertThat(CompareText.extra(-25)).isEqualTo("−25.0 ms");
    }

    @Test
    void typicalStatus_marksExtraAndMissingSpans() {
        assertThat(TypicalText.status(new PathComparison.PathRow(List.of("a: x"), "a", "x", 5, 1, Double.NaN, 0,
                PathComparison.Status.EXTRA))).isEqualTo("extra: in no typical trace");
        assertThat(TypicalText.status(new PathComparison.PathRow(List.of("a: x"), "a", "x", 0, 0, 3, 0.75,
                PathComparison.Status.MISSING))).isEqualTo("missing here: in 75.0 %");
    }
}

package dev.meridian.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.query.MetricAggregation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Substitution of dashboard variables into panel queries and titles: pure, no database. */
class VariablesTest {

    static final Map<String, String> CART = Map.of("service", "cart", "operation", "GET /items", "env", "prod");

    @Test
    void references_findBothFormsInsideText() {
        List<String> declared = List.of("service", "env", "operation_2x");
        assertThat(Variables.references("$service on ${env}, not $5 nor $", declared)).containsExactly("service", "env");
        assertThat(Variables.references("${service}suffix and $operation_2x", declared))
                .containsExactly("service", "operation_2x");
        assertThat(Variables.references(null, declared)).isEmpty();
        assertThat(Variables.references("plain", declared)).isEmpty();
    }

    @Test
    void jvmNamesWithDollar_areNotReferences_unlessTheWordIsADeclaredVariable() {
        List<String> declared = List.of("service", "operation");

        assertThat(Variables.references("Outer$Inner.run", declared)).isEmpty();
        assertThat(Variables.references("Foo$$Lambda$17/0x0000000800c03000.apply", declared)).isEmpty();
        assertThat(Variables.references("Outer$Inner.run", List.of("Inner"))).containsExactly("Inner");
        assertThat(Variables.referencesByField(new PanelQuery.Red("$service", "Outer$Inner.run", RedFigure.P95), declared))
                .containsOnlyKeys("service");
        assertThat(Variables.substitute(new PanelQuery.Red("Foo$$Lambda", "Outer$Inner.run", RedFigure.P95), CART))
                .isEqualTo(new PanelQuery.Red("Foo$$Lambda", "Outer$Inner.run", RedFigure.P95));
    }

    @Test
    void substitute_fillsEveryStringFieldOfARedQuery() {
        PanelQuery red = new PanelQuery.Red("$service", "${operation}", RedFigure.P95);

        assertThat(Variables.substitute(red, CART)).isEqualTo(new PanelQuery.Red("cart", "GET /items", RedFigure.P95));
    }

    @Test
    void substitute_fillsNameServiceFilterKeysValuesAndGroupByOfAMetricQuery() {
        PanelQuery metric = new PanelQuery.Metric("jvm.$kind.used", "$service", MetricAggregation.AVG,
                Map.of("deployment.environment.name", "$env", "${key}", "x"), List.of("$key", "host.name"));
        Map<String, String> values = Map.of("service", "cart", "env", "prod", "kind", "memory", "key", "region");

        assertThat(Variables.substitute(metric, values)).isEqualTo(new PanelQuery.Metric("jvm.memory.used", "cart",
                MetricAggregation.AVG, Map.of("deployment.environment.name", "prod", "region", "x"),
                List.of("region", "host.name")));
    }

    @Test
    void all_meansNoFilter_theFieldBecomesNull_filtersAndGroupKeysAreDropped() {
        Map<String, String> all = Map.of("service", Variables.ALL, "operation", "", "env", Variables.ALL);

        assertThat(Variables.substitute(new PanelQuery.Red("shop", "$operation", RedFigure.THROUGHPUT), all))
                .isEqualTo(new PanelQuery.Red("shop", null, RedFigure.THROUGHPUT));
        assertThat(Variables.substitute(new PanelQuery.Metric("m", "$service", MetricAggregation.LAST,
                Map.of("deployment.environment.name", "$env", "jvm.memory.type", "heap"), List.of("$env", "a")), all))
                .isEqualTo(new PanelQuery.Metric("m", null, MetricAggregation.LAST, Map.of("jvm.memory.type", "heap"),
                        List.of("a")));
    }

    @Test
    void values_areSubstitutedOnce_neverExpandedAgain_whicheverVariableComesFirst() {
        // each value references the other variable: replacing one variable after the other over the whole text
        // (in either order) expands one of them a second time, and a value containing ${…} likewise; the
        // characters SQL would care about come through unchanged, they only ever fill a bound field
        Map<String, String> values = Map.of("service", "$operation' OR 1=1 --", "operation", "${service}\"; x",
                "env", "$service$operation");

        PanelQuery red = Variables.substitute(new PanelQuery.Red("$service", "${operation}", RedFigure.P50), values);
        String title = Variables.display("$env | ${service} | $operation", values);

        assertThat(red).isEqualTo(new PanelQuery.Red("$operation' OR 1=1 --", "${service}\"; x", RedFigure.P50));
        assertThat(title).isEqualTo("$service$operation | $operation' OR 1=1 -- | ${service}\"; x");
    }

    @Test
    void referencesToNamesWithoutAValue_stayAsTheyAre() {
        assertThat(Variables.substitute(new PanelQuery.Red("$service", "$other", RedFigure.P99), Map.of("service", "cart")))
                .isEqualTo(new PanelQuery.Red("cart", "$other", RedFigure.P99));
        assertThat(Variables.display("costs $5 for ${service}", Map.of("service", "cart"))).isEqualTo("costs $5 for cart");
    }

    @Test
    void titles_areSubstitutedForDisplay_AllReadsAll() {
        Panel panel = new Panel("p1", "Latency of $service · ${operation}", new PanelQuery.Red("$service", "$operation",
                RedFigure.LATENCY_ALL), 2, ChartKind.LINE);

        Panel shown = Variables.substitute(panel, Map.of("service", "cart", "operation", Variables.ALL));

        assertThat(shown.title()).isEqualTo("Latency of cart · All");
        assertThat(shown.query()).isEqualTo(new PanelQuery.Red("cart", null, RedFigure.LATENCY_ALL));
        assertThat(shown.id()).isEqualTo("p1");
    }

    @Test
    void referencesOfAQuery_nameTheirField() {
        PanelQuery metric = new PanelQuery.Metric("m", "$service", MetricAggregation.AVG, Map.of("k", "$env"), List.of("$by"));

        List<String> declared = List.of("service", "env", "by");
        assertThat(Variables.referencesByField(metric, declared)).containsOnlyKeys("service", "filters.k", "groupBy");
        assertThat(Variables.referencesByField(metric, declared).get("filters.k")).containsExactly("env");
        assertThat(Variables.referencesByField(metric, List.of("service"))).containsOnlyKeys("service");
    }
}

package dev.meridian.ui.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.Variables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables' values in the URL: {@code var-<name>} parameters to a selection and back. Pure. */
class VariableSelectionTest {

    static final List<DashboardVariable> VARIABLES = List.of(DashboardVariable.service("service"),
            DashboardVariable.operation("operation"), DashboardVariable.attribute("env", "deployment.environment.name"));

    @Test
    void parameters_toSelection_andBack_keepTheValuesAndTheOtherParameters() {
        Map<String, List<String>> url = Map.of("from", List.of("now-1h"), "var-service", List.of("cart"),
                "var-env", List.of("prod <b>"), "var-unknown", List.of("x"));

        VariableSelection selection = VariableSelection.fromParameters(url, VARIABLES);

        assertThat(selection.chosen()).isEqualTo(Map.of("service", "cart", "env", "prod <b>"));
        assertThat(selection.values(VARIABLES)).containsExactly(Map.entry("service", "cart"),
                Map.entry("operation", Variables.ALL), Map.entry("env", "prod <b>"));
        assertThat(selection.applyTo(url, VARIABLES)).containsExactly(Map.entry("from", List.of("now-1h")),
                Map.entry("var-service", List.of("cart")), Map.entry("var-env", List.of("prod <b>")));
        assertThat(VariableSelection.fromParameters(selection.applyTo(url, VARIABLES), VARIABLES)).isEqualTo(selection);
    }

    @Test
    void all_isTheAbsenceOfTheParameter_andGrafanasAllIsReadAsAll() {
        VariableSelection selection = VariableSelection.fromParameters(Map.of("var-operation", List.of("$__all"),
                "var-env", List.of(" ")), VARIABLES);

        assertThat(selection.chosen()).isEmpty();
        VariableSelection picked = selection.with("operation", "GET /a").with("operation", Variables.ALL);
        assertThat(picked.applyTo(Map.of("var-operation", List.of("GET /a")), VARIABLES)).isEmpty();
    }

    @Test
    void aServiceWithoutAValue_getsTheFirstServiceOfTheWindow() {
        VariableSelection none = VariableSelection.NONE;

        assertThat(none.withDefaults(VARIABLES, Map.of("service", List.of("cart", "shop"), "env", List.of("prod")))
                .chosen()).isEqualTo(Map.of("service", "cart"));
        assertThat(none.with("service", "shop").withDefaults(VARIABLES, Map.of("service", List.of("cart"))).value("service"))
                .isEqualTo("shop");
        assertThat(none.withDefaults(VARIABLES, Map.of())).isEqualTo(none);
    }

    @Test
    void longValues_areCut() {
        String value = "x".repeat(2000);

        assertThat(VariableSelection.fromParameters(Map.of("var-service", List.of(value)), VARIABLES).value("service"))
                .hasSize(VariableSelection.MAX_VALUE_LENGTH);
    }
}

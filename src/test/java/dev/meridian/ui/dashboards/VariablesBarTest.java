package dev.meridian.ui.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.combobox.ComboBox;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.Variables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variables bar on its own: it shows options and fires the next selection, it neither navigates nor reads. */
class VariablesBarTest {

    static final List<DashboardVariable> DECLARED = List.of(DashboardVariable.service("service"),
            DashboardVariable.operation("operation"));

    @SuppressWarnings("unchecked")
    static ComboBox<String> picker(VariablesBar bar, String name) {
        return bar.getChildren().map(c -> (ComboBox<String>) c)
                .filter(c -> name.equals(c.getElement().getAttribute("data-variable"))).findFirst().orElseThrow();
    }

    @Test
    void aPick_firesTheNextSelection_andANewServiceResetsTheOperation() {
        VariablesBar bar = new VariablesBar();
        List<VariableSelection> fired = new ArrayList<>();
        bar.addPickedListener(e -> fired.add(e.selection()));
        VariableSelection current = new VariableSelection(Map.of("service", "shop", "operation", "GET /a"));
        bar.show(DECLARED, current);
        bar.showOptions(new VariableOptions(Map.of("service", List.of("db", "shop"), "operation", List.of("GET /a")),
                List.of(), current));

        assertThat(fired).isEmpty(); // filling the pickers is not a pick
        assertThat(picker(bar, "operation").getValue()).isEqualTo("GET /a");

        picker(bar, "service").setValue("db");

        assertThat(fired).containsExactly(new VariableSelection(Map.of("service", "db")));
    }

    @Test
    void optionsKeepAValueOutsideThem_andAllIsOfferedWhereItMeansNoFilter() {
        VariablesBar bar = new VariablesBar();
        VariableSelection current = new VariableSelection(Map.of("service", "typed-in"));
        bar.show(DECLARED, current);
        bar.showOptions(new VariableOptions(Map.of("service", List.of("db", "shop"), "operation", List.of("GET /a")),
                List.of("operation"), current));

        assertThat(picker(bar, "service").getListDataView().getItems()).containsExactly("db", "shop", "typed-in");
        assertThat(picker(bar, "operation").getListDataView().getItems()).containsExactly(Variables.ALL, "GET /a");
        assertThat(picker(bar, "operation").getValue()).isEqualTo(Variables.ALL);
        assertThat(picker(bar, "operation").getHelperText()).contains("First " + VariableOptions.MAX_OPTIONS);
        assertThat(bar.isVisible()).isTrue();
        bar.show(List.of(), VariableSelection.NONE);
        assertThat(bar.isVisible()).isFalse();
    }
}

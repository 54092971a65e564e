package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.shared.Registration;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.VariableType;
import dev.meridian.dashboards.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The pickers of a dashboard's variables, above its panels: one ComboBox per variable holding the current value
 * (also one outside the window's options: typed, or from a shared URL) until a load brings the options. A user's
 * pick fires a {@link PickedEvent} with the whole next selection; the view puts it into the URL. The bar only
 * shows: it neither navigates nor reads data.
 */
class VariablesBar extends Div {

    /** A user picked a value: the selection the dashboard should show next (operations reset after a new service). */
    static final class PickedEvent extends ComponentEvent<VariablesBar> {

        private final VariableSelection selection;

        PickedEvent(VariablesBar source, VariableSelection selection) {
            super(source, true);
            this.selection = selection;
        }

        VariableSelection selection() {
            return selection;
        }
    }

    private final Map<String, ComboBox<String>> pickers = new LinkedHashMap<>();
    private final Map<String, List<String>> shownOptions = new LinkedHashMap<>();
    private List<DashboardVariable> declared = List.of();
    private VariableSelection selection = VariableSelection.NONE;
    /** Set while the bar fills the pickers, so that only a user's pick fires. */
    private boolean setting;

    VariablesBar() {
        addClassName("dashboard-variables");
    }

    Registration addPickedListener(ComponentEventListener<PickedEvent> listener) {
        return addListener(PickedEvent.class, listener);
    }

    /** One picker per variable, holding the selection's value until {@link #showOptions} brings the options. */
    void show(List<DashboardVariable> variables, VariableSelection current) {
        removeAll();
        pickers.clear();
        shownOptions.clear();
        declared = List.copyOf(variables);
        selection = current;
        setVisible(!declared.isEmpty());
        setting = true;
        try {
            for (DashboardVariable variable : declared) {
                ComboBox<String> picker = new ComboBox<>(variable.name());
                picker.addClassName("dashboard-variable");
                picker.getElement().setAttribute("data-variable", variable.name());
                picker.setAllowCustomValue(true); // a value outside the window's options (typed, or from a shared URL)
                picker.setItemLabelGenerator(value -> Variables.ALL.equals(value) ? "All" : value);
                picker.setPlaceholder(variable.offersAll() ? "All" : "Pick a " + variable.type().jsonName());
                if (variable.type() == VariableType.ATTRIBUTE) {
                    picker.setTooltipText("Resource attribute " + variable.key());
                }
                fill(picker, variable, List.of());
                picker.addCustomValueSetListener(e -> picker.setValue(e.getDetail()));
                picker.addValueChangeListener(e -> {
                    if (!setting) {
                        pick(variable, e.getValue());
                    }
                });
                pickers.put(variable.name(), picker);
                add(picker);
            }
        } finally {
            setting = false;
        }
    }

    /**
     * A load's options and the selection with its defaults. A picker whose options and value did not change is
     * left alone, so an auto-refresh does not close a picker the user has open.
     */
    void showOptions(VariableOptions read) {
        selection = read.selection();
        setting = true;
        try {
            for (DashboardVariable variable : declared) {
                ComboBox<String> picker = pickers.get(variable.name());
                if (picker == null) {
                    continue;
                }
                List<String> options = read.options().getOrDefault(variable.name(), List.of());
                if (!options.equals(shownOptions.get(variable.name()))
                        || !Objects.equals(picker.getValue(), shownValue(variable))) {
                    fill(picker, variable, options);
                    shownOptions.put(variable.name(), options);
                }
                picker.setHelperText(read.capped().contains(variable.name())
                        ? "First " + VariableOptions.MAX_OPTIONS + " values; type another" : null);
            }
        } finally {
            setting = false;
        }
    }

    private String shownValue(DashboardVariable variable) {
        String value = selection.value(variable.name());
        return value == null && variable.offersAll() ? Variables.ALL : value;
    }

    /** Fills a picker: All first where it makes sense, the options, and the current value even when not among them. */
    private void fill(ComboBox<String> picker, DashboardVariable variable, List<String> options) {
        List<String> items = new ArrayList<>();
        if (variable.offersAll()) {
            items.add(Variables.ALL);
        }
        items.addAll(options);
        String current = selection.value(variable.name());
        if (current != null && !items.contains(current)) {
            items.add(current);
        }
        picker.setItems(items);
        picker.setValue(shownValue(variable));
    }

    private void pick(DashboardVariable variable, String value) {
        VariableSelection next = selection.with(variable.name(), value);
        if (variable.type() == VariableType.SERVICE) {
            // operations belong to their service: another service starts from all of its operations
            for (DashboardVariable v : declared) {
                if (v.type() == VariableType.OPERATION) {
                    next = next.with(v.name(), null);
                }
            }
        }
        if (!next.equals(selection)) {
            fireEvent(new PickedEvent(this, next));
        }
    }
}

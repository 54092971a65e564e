package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextArea;
import dev.meridian.dashboards.Dashboard;
import dev.meridian.dashboards.DashboardJson;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.InvalidDashboardException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The variables of a dashboard draft as their JSON array (the {@code variables} of the export format), checked
 * as a whole against the draft on Apply: every problem is named (duplicate or bad names, unknown types, an
 * attribute without a key). Apply hands the draft with the new variables to {@code onApply}; nothing is saved.
 */
class VariablesDialog extends Dialog {

    VariablesDialog(Dashboard draft, Consumer<Dashboard> onApply) {
        setHeaderTitle("Variables");
        setWidth("min(640px, 95vw)");
        TextArea json = new TextArea("Variables (JSON)");
        json.setValue(DashboardJson.writeVariables(draft.variables()));
        json.setWidthFull();
        json.setMinHeight("200px");
        json.setHelperText("e.g. [{\"name\": \"service\", \"type\": \"service\"}, {\"name\": \"env\", \"type\": \"attribute\", "
                + "\"key\": \"deployment.environment.name\"}]; use $service or ${service} in panel fields");
        json.addClassName("dashboard-json");
        add(json);
        Button apply = new Button("Apply", click -> {
            try {
                List<DashboardVariable> read = DashboardJson.readVariables(json.getValue());
                Dashboard next = draft.withVariables(read);
                List<String> problems = next.problems();
                if (!problems.isEmpty()) {
                    throw new InvalidDashboardException(problems);
                }
                close();
                onApply.accept(next);
            } catch (InvalidDashboardException e) {
                json.setErrorMessage(e.getMessage());
                json.setInvalid(true);
            }
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), apply);
    }
}

package dev.meridian.ui.dashboards;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import dev.meridian.dashboards.ChartKind;
import dev.meridian.dashboards.DashboardVariable;
import dev.meridian.dashboards.VariableType;
import dev.meridian.dashboards.Variables;
import dev.meridian.dashboards.Panel;
import dev.meridian.dashboards.PanelQuery;
import dev.meridian.dashboards.RedFigure;
import dev.meridian.query.MetricAggregation;
import dev.meridian.query.MetricDescriptor;
import dev.meridian.query.MetricQueries;
import dev.meridian.query.OperationSummary;
import dev.meridian.query.ServiceQueries;
import dev.meridian.query.ServiceSummary;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.ViewLoader;
import dev.meridian.ui.base.ViewTasks;
import dev.meridian.ui.metrics.MetricAggregations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Adds or edits one panel: a RED figure of a service (and operation) or an OTLP metric with its
 * aggregation, filters and grouping; the chart kind and width. Service, operation and metric
 * pickers offer what the current window holds and accept typed values too, and the dashboard's variables
 * ({@code $service}, {@code $operation}…; any field also takes {@code $name} or {@code ${name}} typed in).
 */
public class PanelDialog extends Dialog {

    static final String RED = "RED of a service";
    static final String METRIC = "Metric";

    final TextField title = new TextField("Title");
    final RadioButtonGroup<String> source = new RadioButtonGroup<>("Data");
    final ComboBox<String> service = new ComboBox<>("Service");
    final ComboBox<String> operation = new ComboBox<>("Operation");
    final Select<RedFigure> figure = new Select<>();
    final ComboBox<String> metric = new ComboBox<>("Metric");
    final Select<MetricAggregation> aggregation = new Select<>();
    final TextField filters = new TextField("Filters");
    final TextField groupBy = new TextField("Group by");
    final Select<ChartKind> kind = new Select<>();
    final Select<Integer> width = new Select<>();
    final Button save = new Button();

    private final ServiceQueries services;
    private final MetricQueries metrics;
    private final TimeRange range;
    private final Panel editing;
    private final List<DashboardVariable> variables;
    private final Consumer<Panel> onSave;
    private List<MetricDescriptor> descriptors = List.of();
    private final ViewLoader<List<String>> serviceNames;
    private final ViewLoader<Choices> choices;

    /** What the pickers below the service offer once it is chosen: its metrics, or its operations. */
    private record Choices(List<MetricDescriptor> metrics, List<String> operations) {
    }

    PanelDialog(ServiceQueries services, MetricQueries metrics, TimeRange range, Panel editing, Consumer<Panel> onSave,
                ViewTasks tasks) {
        this(services, metrics, range, editing, List.of(), onSave, tasks);
    }

    PanelDialog(ServiceQueries services, MetricQueries metrics, TimeRange range, Panel editing,
                List<DashboardVariable> variables, Consumer<Panel> onSave, ViewTasks tasks) {
        this.variables = variables;
        this.serviceNames = tasks.loader(this);
        this.choices = tasks.loader(this);
        this.services = services;
        this.metrics = metrics;
        this.range = range;
        this.editing = editing;
        this.onSave = onSave;
        setHeaderTitle(editing == null ? "Add panel" : "Edit panel");
        setWidth("min(640px, 95vw)");

        title.setPlaceholder("Named after the query when left empty");
        title.setMaxLength(200);
        source.setItems(RED, METRIC);
        source.addValueChangeListener(e -> showSource());
        serviceNames.load(() -> services.services(range).stream().map(ServiceSummary::name).toList(), names -> {
            String current = service.getValue();
            List<String> items = new ArrayList<>(references(VariableType.SERVICE));
            items.addAll(names);
            if (current != null && !current.isBlank() && !items.contains(current)) {
                items.add(current);
            }
            service.setItems(items);
            service.setValue(current);
        }, e -> { });
        service.setAllowCustomValue(true);
        service.addCustomValueSetListener(e -> service.setValue(e.getDetail()));
        service.addValueChangeListener(e -> serviceChanged());
        operation.setAllowCustomValue(true);
        operation.addCustomValueSetListener(e -> operation.setValue(e.getDetail()));
        operation.setPlaceholder("All operations");
        operation.setClearButtonVisible(true);
        figure.setLabel("Figure");
        figure.setItems(RedFigure.values());
        figure.setItemLabelGenerator(RedFigure::label);
        metric.setAllowCustomValue(true);
        metric.addCustomValueSetListener(e -> metric.setValue(e.getDetail()));
        metric.addValueChangeListener(e -> metricChanged());
        aggregation.setLabel("Aggregation");
        aggregation.setItemLabelGenerator(MetricAggregations::label);
        aggregation.setItems(MetricAggregation.values());
        filters.setPlaceholder("key=value, key=value");
        List<String> attributeReferences = references(VariableType.ATTRIBUTE);
        if (!attributeReferences.isEmpty()) {
            filters.setHelperText("Variables: " + String.join(", ", attributeReferences) + " (e.g. "
                    + variables.stream().filter(v -> v.type() == VariableType.ATTRIBUTE).findFirst()
                    .map(v -> v.key() + "=$" + v.name()).orElse("") + ")");
        }
        groupBy.setPlaceholder("attribute keys, comma-separated");
        kind.setLabel("Chart");
        kind.setItems(ChartKind.values());
        kind.setItemLabelGenerator(k -> switch (k) {
            case LINE -> "Lines";
            case AREA -> "Areas";
            case BAR -> "Bars";
            case STAT -> "Single value";
        });
        width.setLabel("Width");
        width.setItems(1, 2, 3, 4);
        width.setItemLabelGenerator(w -> switch (w) {
            case 1 -> "Quarter row";
            case 2 -> "Half row";
            case 3 -> "Three quarters";
            default -> "Full row";
        });

        FormLayout form = new FormLayout(title, source, service, operation, figure, metric, aggregation, filters, groupBy,
                kind, width);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("480px", 2));
        form.setColspan(title, 2);
        form.setColspan(source, 2);
        add(form);

        save.setText(editing == null ? "Add" : "Apply");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> save());
        getFooter().add(new Button("Cancel", click -> close()), save);
        fill(editing);
    }

    private void fill(Panel panel) {
        if (panel == null) {
            source.setValue(RED);
            figure.setValue(RedFigure.P95);
            kind.setValue(ChartKind.LINE);
            width.setValue(2);
            return;
        }
        title.setValue(panel.title());
        kind.setValue(panel.kind());
        width.setValue(panel.width());
        switch (panel.query()) {
            case PanelQuery.Red red -> {
                source.setValue(RED);
                preset(service, red.service());
                preset(operation, red.operation());
                figure.setValue(red.figure());
            }
            case PanelQuery.Metric m -> {
                source.setValue(METRIC);
                preset(service, m.service());
                preset(metric, m.name());
                aggregation.setValue(m.aggregation());
                filters.setValue(String.join(", ", m.filters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
                groupBy.setValue(String.join(", ", m.groupBy()));
            }
        }
    }

    /**
     * Sets the value of a picker whose options are still loading: a ComboBox refuses a value while it has no
     * items, so the value is its first item until the options arrive (they keep it, see showChoices).
     */
    private static void preset(ComboBox<String> picker, String value) {
        if (value != null) {
            picker.setItems(List.of(value));
        }
        picker.setValue(value);
    }

    private void showSource() {
        boolean red = !METRIC.equals(source.getValue());
        operation.setVisible(red);
        figure.setVisible(red);
        metric.setVisible(!red);
        aggregation.setVisible(!red);
        filters.setVisible(!red);
        groupBy.setVisible(!red);
        service.setPlaceholder(red ? "Pick or type a service" : "All services");
        service.setClearButtonVisible(!red);
        serviceChanged();
    }

    /** {@code $name} of each of the dashboard's variables of this type, offered first in the pickers. */
    private List<String> references(VariableType type) {
        return variables.stream().filter(v -> v.type() == type).map(v -> "$" + v.name()).toList();
    }

    private void serviceChanged() {
        String chosen = blankToNull(service.getValue());
        if (chosen != null && !Variables.references(chosen, variables.stream().map(DashboardVariable::name).toList()).isEmpty()) {
            chosen = null; // $service: the operations of no one service; the operation variables are offered
        } // an undeclared $word is part of a service's name (Outer$Inner): its operations load
        String of = chosen;
        boolean metric = METRIC.equals(source.getValue());
        showChoices(metric, new Choices(List.of(), List.of()));
        choices.load(() -> metric ? new Choices(metrics.metrics(of), List.of())
                        : new Choices(List.of(), of == null ? List.of()
                                : services.operations(of, range).stream().map(OperationSummary::name).toList()),
                found -> showChoices(metric, found), e -> { });
    }

    private void showChoices(boolean metricSource, Choices found) {
        if (metricSource) {
            descriptors = found.metrics();
            List<String> names = new ArrayList<>(descriptors.stream().map(MetricDescriptor::name).toList());
            String current = metric.getValue();
            if (current != null && !names.contains(current)) {
                names.add(current);
            }
            metric.setItems(names);
            metric.setValue(current);
            metricChanged();
        } else {
            List<String> names = new ArrayList<>(references(VariableType.OPERATION));
            names.addAll(found.operations());
            String current = operation.getValue();
            if (current != null && !names.contains(current)) {
                names.add(current);
            }
            operation.setItems(names);
            operation.setValue(current);
        }
    }

    private void metricChanged() {
        Optional<MetricDescriptor> descriptor = descriptors.stream().filter(d -> d.name().equals(metric.getValue())).findFirst();
        List<MetricAggregation> allowed = descriptor.map(d -> MetricAggregations.allowedFor(d.type()))
                .filter(list -> !list.isEmpty()).orElse(Arrays.asList(MetricAggregation.values()));
        MetricAggregation current = aggregation.getValue();
        aggregation.setItems(allowed);
        aggregation.setValue(current != null && allowed.contains(current) ? current : allowed.getFirst());
    }

    /** The panel the fields describe; empty (with the fields marked) when something required is missing. */
    Optional<Panel> panel() {
        service.setInvalid(false);
        metric.setInvalid(false);
        filters.setInvalid(false);
        PanelQuery query;
        if (METRIC.equals(source.getValue())) {
            if (blankToNull(metric.getValue()) == null) {
                metric.setErrorMessage("Pick or type a metric");
                metric.setInvalid(true);
                return Optional.empty();
            }
            Map<String, String> filterMap = new LinkedHashMap<>();
            for (String part : filters.getValue().split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    filters.setErrorMessage("Write filters as key=value, separated by commas");
                    filters.setInvalid(true);
                    return Optional.empty();
                }
                filterMap.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
            List<String> keys = Arrays.stream(groupBy.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            query = new PanelQuery.Metric(metric.getValue(), service.getValue(),
                    Optional.ofNullable(aggregation.getValue()).orElse(MetricAggregation.AVG), filterMap, keys);
        } else {
            if (blankToNull(service.getValue()) == null) {
                service.setErrorMessage("Pick or type a service");
                service.setInvalid(true);
                return Optional.empty();
            }
            query = new PanelQuery.Red(service.getValue(), operation.getValue(),
                    Optional.ofNullable(figure.getValue()).orElse(RedFigure.P95));
        }
        String name = title.getValue().isBlank() ? PanelCard.describe(query) : title.getValue();
        if (name.length() > 200) {
            name = name.substring(0, 200);
        }
        return Optional.of(new Panel(editing == null ? null : editing.id(), name, query,
                Optional.ofNullable(width.getValue()).orElse(2), kind.getValue()));
    }

    /**
     * Opens the dialog to pick a panel query only (an alert rule watches the same queries as panels): the
     * services and metrics of {@code range} are offered; {@code onPick} gets the query when the user saves.
     */
    public static void pickQuery(ServiceQueries services, MetricQueries metrics, TimeRange range, ViewTasks tasks,
                                 Consumer<PanelQuery> onPick) {
        PanelDialog dialog = new PanelDialog(services, metrics, range, null, panel -> onPick.accept(panel.query()), tasks);
        dialog.setHeaderTitle("Pick the query to watch");
        dialog.open();
    }

    private void save() {
        panel().ifPresent(panel -> {
            close();
            onSave.accept(panel);
        });
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}

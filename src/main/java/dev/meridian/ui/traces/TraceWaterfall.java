package dev.meridian.ui.traces;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.data.provider.ListDataProvider;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.shared.Registration;
import dev.meridian.telemetry.LogRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The span waterfall: one grid row per visible span, nested by indentation, with a bar on the trace's
 * shared time axis. A plain {@link Grid} over the flattened, depth-first list of visible spans:
 * the browser renders only the rows in view, so a 5,000-span trace stays fast, and collapsing a
 * subtree only filters that list. Every telemetry string reaches the browser through LitRenderer
 * {@code ${item.x}} bindings, which Lit renders as text.
 */
class TraceWaterfall extends VerticalLayout {

    /** Fired when the user selects a span (or clears the selection: {@code node} is null). */
    static class SelectionEvent extends ComponentEvent<TraceWaterfall> {
        private final SpanNode node;

        SelectionEvent(TraceWaterfall source, SpanNode node, boolean fromClient) {
            super(source, fromClient);
            this.node = node;
        }

        SpanNode node() {
            return node;
        }
    }

    private static final int INDENT_PX = 14;
    private static final int MAX_INDENT_DEPTH = 40;
    private static final int MAX_LOG_MARKS = 40;

    private static final String NAME_TEMPLATE = """
            <div class="tw-name" style="padding-left:${item.indent}px">\
            <span class="tw-toggle" data-state="${item.toggle}" title="${item.toggleTitle}" \
            @click=${e => { e.stopPropagation(); toggle(); }}>${item.chevron}</span>\
            <span class="tw-swatch" style="background:${item.color}"></span>\
            <span class="tw-err" ?hidden=${!item.error} title="Error">!</span>\
            <span class="tw-service" ?hidden=${!item.service}>${item.service}</span>\
            <span class="tw-op">${item.name}</span>\
            <span class="tw-badge tw-missing" ?hidden=${!item.missing}>parent missing</span>\
            <span class="tw-badge tw-logs" ?hidden=${!item.logs} title="${item.logsTitle}">${item.logs} log${item.logs === 1 ? '' : 's'}</span>\
            <span class="tw-badge tw-collapsed" ?hidden=${!item.hidden}>+${item.hidden}</span>\
            </div>""";

    private static final String BAR_TEMPLATE = """
            <div class="tw-track">\
            <div class="tw-bar" data-error="${item.error}" style="left:${item.left}%;width:${item.width}%;--tw-color:${item.color}"></div>\
            ${item.cp.map(s => html`<div class="tw-cp" style="left:${s[0]}%;width:${s[1]}%"></div>`)}\
            ${item.marks.map(m => html`<div class="tw-logmark" data-error="${m[1]}" style="left:${m[0]}%"></div>`)}\
            <span class="tw-dur" data-inside="${item.inside}" style="${item.labelStyle}">${item.duration}</span>\
            </div>""";

    private final Grid<SpanNode> grid = new Grid<>();
    private final List<SpanNode> rows = new ArrayList<>();
    private final ListDataProvider<SpanNode> provider = new ListDataProvider<>(rows);
    private final Set<SpanNode> collapsed = new HashSet<>();
    private final Checkbox criticalOnly = new Checkbox("Critical path only");
    private final Div ruler = new Div();
    private final TextField find = new TextField();
    private final Span findResult = new Span();
    private List<SpanNode> matches = List.of();
    private Set<SpanNode> matchSet = Set.of();
    private int matchIndex = -1;
    private TraceModel model;
    private boolean selecting;

    TraceWaterfall() {
        setPadding(false);
        setSpacing(false);
        addClassName("tw-waterfall");

        Button expand = new Button("Expand all", VaadinIcon.EXPAND_SQUARE.create(), click -> expandAll());
        Button collapse = new Button("Collapse all", VaadinIcon.COMPRESS_SQUARE.create(), click -> collapseAll());
        expand.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        collapse.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        criticalOnly.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        find.setPlaceholder("Find span, service, attribute…");
        find.setPrefixComponent(VaadinIcon.SEARCH.create());
        find.setClearButtonVisible(true);
        find.setValueChangeMode(ValueChangeMode.LAZY);
        find.setAriaLabel("Find in trace");
        find.addThemeName("small");
        find.setWidth("13em");
        find.addValueChangeListener(event -> findSpans(event.getValue()));
        find.addKeyPressListener(Key.ENTER, event -> nextMatch(1));
        Button previous = new Button(VaadinIcon.ANGLE_UP.create(), click -> nextMatch(-1));
        Button next = new Button(VaadinIcon.ANGLE_DOWN.create(), click -> nextMatch(1));
        previous.setAriaLabel("Previous match");
        next.setAriaLabel("Next match");
        previous.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        next.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        findResult.addClassName("tw-find-result");
        HorizontalLayout toolbar = new HorizontalLayout(find, previous, next, findResult, expand, collapse, criticalOnly);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.setWidthFull();
        toolbar.expand(findResult);
        toolbar.addClassName("tw-toolbar");

        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_COLUMN_BORDERS);
        grid.addClassName("tw-grid");
        grid.setItems(provider);
        grid.setSelectionMode(Grid.SelectionMode.SINGLE);
        grid.addColumn(LitRenderer.<SpanNode>of(NAME_TEMPLATE)
                        .withProperty("indent", n -> 4 + Math.min(n.depth(), MAX_INDENT_DEPTH) * INDENT_PX)
                        .withProperty("toggle", n -> !n.hasChildren() ? "leaf" : collapsed.contains(n) ? "closed" : "open")
                        .withProperty("toggleTitle", n -> !n.hasChildren() ? "" : collapsed.contains(n)
                                ? "Expand " + n.descendantCount() + " spans" : "Collapse")
                        .withProperty("chevron", n -> !n.hasChildren() ? "" : collapsed.contains(n) ? "▸" : "▾")
                        .withProperty("color", n -> ServicePalette.color(n.colorIndex()))
                        .withProperty("error", SpanNode::error)
                        .withProperty("service", TraceWaterfall::serviceLabel)
                        .withProperty("name", n -> n.span().name())
                        .withProperty("missing", SpanNode::parentMissing)
                        .withProperty("logs", n -> n.logs().size())
                        .withProperty("logsTitle", n -> n.logs().size() + " log records from this span")
                        .withProperty("hidden", n -> collapsed.contains(n) ? n.descendantCount() : 0)
                        .withFunction("toggle", this::toggle))
                .setHeader("Service & operation")
                .setWidth("40%")
                .setFlexGrow(0)
                .setResizable(true);
        grid.addColumn(LitRenderer.<SpanNode>of(BAR_TEMPLATE)
                        .withProperty("left", n -> percent(n.offset()))
                        .withProperty("width", n -> percent(n.width()))
                        .withProperty("color", n -> ServicePalette.color(n.colorIndex()))
                        .withProperty("error", SpanNode::error)
                        .withProperty("cp", this::criticalSegments)
                        .withProperty("marks", this::logMarks)
                        .withProperty("duration", n -> TraceFormat.duration(n.span().durationNanos()))
                        .withProperty("labelStyle", TraceWaterfall::labelStyle)
                        .withProperty("inside", n -> labelInside(n)))
                .setHeader(ruler)
                .setFlexGrow(1)
                .setTextAlign(ColumnTextAlign.START);
        grid.setPartNameGenerator(this::partName);
        grid.addItemDoubleClickListener(click -> {
            if (click.getItem().hasChildren()) {
                toggle(click.getItem());
            }
        });
        grid.setTooltipGenerator(n -> n.serviceName() + ": " + n.span().name() + " · "
                + TraceFormat.duration(n.span().durationNanos()));
        grid.asSingleSelect().addValueChangeListener(event -> {
            if (!selecting) {
                fireEvent(new SelectionEvent(this, event.getValue(), event.isFromClient()));
            }
        });
        grid.setSizeFull();

        add(toolbar, grid);
        setFlexGrow(1, grid);
    }

    void show(TraceModel model) {
        this.model = model;
        find.clear();
        collapsed.clear();
        rows.clear();
        rows.addAll(model.spans());
        provider.refreshAll();
        buildRuler(model.durationNanos());
        long onPath = model.spans().stream().filter(SpanNode::onCriticalPath).count();
        criticalOnly.setTooltipText("Dim the spans that do not decide when the trace ends (" + onPath + " of "
                + model.spanCount() + " spans are on the critical path)");
    }

    /** Selects a span, expanding its ancestors and scrolling it into view; fires no selection event. */
    void select(SpanNode node) {
        if (node == null) {
            grid.deselectAll();
            return;
        }
        int before = collapsed.size();
        WaterfallRows.reveal(node, collapsed);
        if (collapsed.size() != before) {
            refreshRows();
        }
        selecting = true;
        try {
            grid.select(node);
        } finally {
            selecting = false;
        }
        int index = rows.indexOf(node);
        if (index >= 0) {
            grid.scrollToIndex(Math.max(0, index - 3));
        }
    }

    Registration addSelectionListener(ComponentEventListener<SelectionEvent> listener) {
        return addListener(SelectionEvent.class, listener);
    }

    private void toggle(SpanNode node) {
        if (!collapsed.remove(node)) {
            collapsed.add(node);
        }
        refreshRows();
    }

    private void expandAll() {
        collapsed.clear();
        refreshRows();
    }

    private void collapseAll() {
        if (model == null) {
            return;
        }
        collapsed.clear();
        model.roots().stream().filter(SpanNode::hasChildren).forEach(collapsed::add);
        refreshRows();
    }

    private void refreshRows() {
        if (model == null) {
            return;
        }
        List<SpanNode> visible = WaterfallRows.visible(model.spans(), collapsed);
        rows.clear();
        rows.addAll(visible);
        provider.refreshAll();
    }

    private void findSpans(String query) {
        if (model == null) {
            return;
        }
        matches = SpanFinder.find(model.spans(), query);
        matchSet = Set.copyOf(matches);
        matchIndex = -1;
        findResult.setText(query == null || query.isBlank() ? "" : matches.isEmpty() ? "no match" : matches.size() + " found");
        grid.getDataProvider().refreshAll();
        if (!matches.isEmpty()) {
            nextMatch(1);
        }
    }

    /** Moves to the next (or previous) match, expanding what hides it, and selects it. */
    private void nextMatch(int step) {
        if (matches.isEmpty()) {
            return;
        }
        matchIndex = Math.floorMod(matchIndex + step, matches.size());
        SpanNode node = matches.get(matchIndex);
        findResult.setText((matchIndex + 1) + " of " + matches.size());
        select(node);
        fireEvent(new SelectionEvent(this, node, true));
    }

    private String partName(SpanNode node) {
        List<String> parts = new ArrayList<>(3);
        if (matchSet.contains(node)) {
            parts.add("tw-match-row");
        }
        if (node.error()) {
            parts.add("tw-error-row");
        }
        if (criticalOnly.getValue() && !node.onCriticalPath()) {
            parts.add("tw-dim-row");
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private List<List<Double>> criticalSegments(SpanNode node) {
        if (model == null || node.criticalSegments().isEmpty()) {
            return List.of();
        }
        List<List<Double>> segments = new ArrayList<>();
        for (SpanNode.Segment segment : node.criticalSegments()) {
            double left = model.fractionOf(segment.startNanos());
            double right = model.fractionOf(segment.endNanos());
            segments.add(List.of(percent(left), percent(right - left)));
        }
        return segments;
    }

    /** Ticks on the bar where the span logged: [left %, 1 when ERROR or worse]. */
    private List<List<Double>> logMarks(SpanNode node) {
        if (model == null || node.logs().isEmpty()) {
            return List.of();
        }
        List<List<Double>> marks = new ArrayList<>();
        for (LogRecord log : node.logs()) {
            if (marks.size() == MAX_LOG_MARKS) {
                break;
            }
            marks.add(List.of(percent(model.fractionOf(log.effectiveTimeNanos())), log.severityNumber() >= 17 ? 1.0 : 0.0));
        }
        return marks;
    }

    /**
     * The duration label sits right of the bar; left of it when the bar reaches the right edge; inside
     * it when the bar spans nearly the whole axis.
     */
    static String labelStyle(SpanNode node) {
        double end = node.offset() + node.width();
        if (end < 0.8) {
            return String.format(Locale.ROOT, "left:calc(%.3f%% + 6px)", end * 100);
        }
        if (node.offset() > 0.15) {
            return String.format(Locale.ROOT, "right:calc(%.3f%% + 6px)", (1 - node.offset()) * 100);
        }
        return String.format(Locale.ROOT, "right:calc(%.3f%% + 6px)", (1 - end) * 100);
    }

    static boolean labelInside(SpanNode node) {
        return node.offset() + node.width() >= 0.8 && node.offset() <= 0.15;
    }

    /** The service name where it changes (roots and service boundaries); the swatch colour says it elsewhere. */
    static String serviceLabel(SpanNode node) {
        return node.parent() == null || !node.parent().serviceName().equals(node.serviceName()) ? node.serviceName() : "";
    }

    private static double percent(double fraction) {
        return Math.round(fraction * 100_000) / 1_000.0;
    }

    private void buildRuler(long durationNanos) {
        ruler.removeAll();
        ruler.addClassName("tw-ruler");
        for (int i = 0; i <= 4; i++) {
            Span tick = new Span(i == 0 ? "0" : TraceFormat.duration(durationNanos * i / 4));
            tick.addClassName("tw-tick");
            tick.getStyle().set(i == 4 ? "right" : "left", i == 4 ? "0" : (i * 25) + "%");
            if (i > 0 && i < 4) {
                tick.getStyle().set("transform", "translateX(-50%)");
            }
            ruler.add(tick);
        }
    }
}

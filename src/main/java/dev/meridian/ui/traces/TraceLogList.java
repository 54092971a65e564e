package dev.meridian.ui.traces;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.shared.Registration;
import dev.meridian.telemetry.LogRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trace's logs in time order: time from the trace start, severity, service, the span that
 * emitted it (a click selects that span in the waterfall) and the body as plain text. A lazy grid,
 * so a trace with thousands of logs is fine.
 */
class TraceLogList extends Grid<TraceLogList.LogRow> {

    /** One row; the index keeps identical records distinct. */
    record LogRow(int index, LogRecord log, SpanNode owner) {
    }

    static class SpanRequestEvent extends ComponentEvent<TraceLogList> {
        private final SpanNode node;

        SpanRequestEvent(TraceLogList source, SpanNode node) {
            super(source, true);
            this.node = node;
        }

        SpanNode node() {
            return node;
        }
    }

    private static final String SEVERITY_TEMPLATE =
            "<span class=\"tw-sev\" data-level=\"${item.level}\">${item.text}</span>";
    private static final String SPAN_TEMPLATE = """
            <span class="tw-log-span" ?hidden=${!item.name}>\
            <span class="tw-swatch" style="background:${item.color}"></span>${item.name}</span>\
            <span class="tw-muted" ?hidden=${!!item.name}>${item.none}</span>""";

    private TraceModel model;

    TraceLogList() {
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        addClassName("tw-log-grid");
        addColumn(row -> "+" + TraceFormat.duration(row.log().effectiveTimeNanos() - model.startNanos()))
                .setHeader("Time").setWidth("7em").setFlexGrow(0)
                .setTooltipGenerator(row -> TraceFormat.timestamp(row.log().effectiveTimeNanos()));
        addColumn(LitRenderer.<LogRow>of(SEVERITY_TEMPLATE)
                        .withProperty("level", row -> TraceFormat.severityLevel(row.log().severityNumber()).toLowerCase(Locale.ROOT))
                        .withProperty("text", row -> TraceFormat.severity(row.log().severityNumber(), row.log().severityText())))
                .setHeader("Severity").setWidth("7em").setFlexGrow(0);
        addColumn(row -> row.log().serviceName()).setHeader("Service").setWidth("10em").setFlexGrow(0).setResizable(true);
        addColumn(LitRenderer.<LogRow>of(SPAN_TEMPLATE)
                        .withProperty("name", row -> row.owner() == null ? "" : row.owner().span().name())
                        .withProperty("color", row -> row.owner() == null ? "" : ServicePalette.color(row.owner().colorIndex()))
                        .withProperty("none", row -> row.log().spanId().isValid() ? "span not in trace" : "no span"))
                .setHeader("Span").setWidth("14em").setFlexGrow(0).setResizable(true);
        addColumn(row -> TraceFormat.value(row.log().body())).setHeader("Message").setFlexGrow(1)
                .setTooltipGenerator(row -> TraceFormat.value(row.log().body()));
        setEmptyStateText("No logs were recorded with this trace's id.");
        addItemClickListener(click -> {
            if (click.getItem().owner() != null) {
                fireEvent(new SpanRequestEvent(this, click.getItem().owner()));
            }
        });
        setPartNameGenerator(row -> row.log().severityNumber() >= 17 ? "tw-log-error" : null);
    }

    void show(TraceModel model) {
        this.model = model;
        List<LogRow> rows = new ArrayList<>(model.logs().size());
        for (LogRecord log : model.logs()) {
            rows.add(new LogRow(rows.size(), log, model.owner(log).orElse(null)));
        }
        setItems(rows);
    }

    Registration addSpanRequestListener(ComponentEventListener<SpanRequestEvent> listener) {
        return addListener(SpanRequestEvent.class, listener);
    }

    /** A coloured severity label for use outside the grid. */
    static Span severityBadge(LogRecord log) {
        Span badge = new Span(TraceFormat.severity(log.severityNumber(), log.severityText()));
        badge.addClassName("tw-sev");
        badge.getElement().setAttribute("data-level", TraceFormat.severityLevel(log.severityNumber()).toLowerCase(Locale.ROOT));
        return badge;
    }
}

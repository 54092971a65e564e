package dev.meridian.ui.traces;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.shared.Registration;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.InstrumentationScope;
import dev.meridian.telemetry.LogRecord;
import dev.meridian.telemetry.SpanEvent;
import dev.meridian.telemetry.SpanLink;
import dev.meridian.telemetry.StatusCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Everything about one span: facts, status, exceptions with stack traces, attributes, resource,
 * scope, events, links and the span's logs. Built from Vaadin text components only: telemetry strings
 * are set as text, never as markup.
 */
class SpanDetailsPanel extends Div {

    static class CloseEvent extends ComponentEvent<SpanDetailsPanel> {
        CloseEvent(SpanDetailsPanel source) {
            super(source, true);
        }
    }

    private static final int MAX_EVENTS = 200;
    private static final int MAX_LOGS = 200;

    SpanDetailsPanel() {
        addClassName("tw-details");
        showEmpty();
    }

    Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }

    void showEmpty() {
        removeAll();
        Div empty = new Div();
        empty.addClassName("tw-details-empty");
        empty.add(VaadinIcon.POINTER.create(), new Span("Select a span to see its attributes, events, exceptions and logs."));
        add(empty);
    }

    void show(TraceModel model, SpanNode node) {
        removeAll();
        var span = node.span();

        Div head = new Div();
        head.addClassName("tw-details-head");
        Span swatch = new Span();
        swatch.addClassName("tw-swatch");
        swatch.getStyle().set("background", ServicePalette.color(node.colorIndex()));
        Span service = new Span(span.serviceName());
        service.addClassName("tw-details-service");
        Button close = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> fireEvent(new CloseEvent(this)));
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        close.setAriaLabel("Close span details");
        H3 name = new H3(span.name());
        name.addClassName("tw-details-name");
        head.add(swatch, service, close);
        add(head, name);

        Div status = new Div();
        status.addClassName("tw-status");
        status.getElement().setAttribute("data-status", span.status().code().name().toLowerCase());
        String statusText = span.status().code() == StatusCode.UNSET ? "Status unset" : "Status " + span.status().code();
        status.add(new Span(statusText));
        if (!span.status().message().isBlank()) {
            Span message = new Span(span.status().message());
            message.addClassName("tw-status-message");
            status.add(message);
        }
        if (node.error() && span.status().code() != StatusCode.ERROR) {
            status.add(new Span("exception recorded"));
            status.getElement().setAttribute("data-status", "error");
        }
        add(status);

        KeyValues facts = new KeyValues();
        facts.add("Kind", span.kind().name());
        facts.add("Start", "+" + TraceFormat.duration(span.startNanos() - model.startNanos()) + "  ("
                + TraceFormat.timestamp(span.startNanos()) + ")");
        double share = model.durationNanos() > 0 ? 100.0 * span.durationNanos() / model.durationNanos() : 100;
        facts.add("Duration", TraceFormat.duration(span.durationNanos()) + String.format("  (%.1f%% of the trace)", share));
        long selfOnPath = node.criticalSegments().stream().mapToLong(s -> s.endNanos() - s.startNanos()).sum();
        if (node.onCriticalPath()) {
            facts.add("Critical path", TraceFormat.duration(selfOnPath) + " of its own time");
        }
        facts.add("Span ID", span.spanId().toHex());
        facts.add("Parent ID", span.parentSpanId().isValid()
                ? span.parentSpanId().toHex() + (node.parentMissing() ? "  (not in this trace)" : "")
                : "none (root)");
        InstrumentationScope scope = span.scope();
        if (!scope.name().isBlank()) {
            facts.add("Scope", scope.name() + (scope.version().isBlank() ? "" : " " + scope.version()));
        }
        if (node.hasChildren()) {
            facts.add("Children", node.children().size() + " (" + node.descendantCount() + " below)");
        }
        add(facts);

        List<SpanEvent> exceptions = node.exceptions();
        if (!exceptions.isEmpty()) {
            Div list = new Div();
            for (SpanEvent exception : exceptions) {
                list.add(exceptionBlock(span.startNanos(), exception));
            }
            add(section("Exceptions", exceptions.size(), list, true, "tw-section-error"));
        }
        add(section("Attributes", span.attributes().size(), KeyValues.of(span.attributes()), true, null));
        if (!node.logs().isEmpty()) {
            add(section("Logs", node.logs().size(), logList(span.startNanos(), node.logs()), true, null));
        }
        List<SpanEvent> events = span.events().stream().filter(e -> !SpanNode.isException(e)).toList();
        if (!events.isEmpty()) {
            add(section("Events", events.size(), eventList(span.startNanos(), events), true, null));
        }
        if (!span.links().isEmpty()) {
            add(section("Links", span.links().size(), linkList(span.links()), true, null));
        }
        add(section("Resource", span.resource().attributes().size(), KeyValues.of(span.resource().attributes()), false, null));
        if (!scope.attributes().isEmpty()) {
            add(section("Scope attributes", scope.attributes().size(), KeyValues.of(scope.attributes()), false, null));
        }
        if (span.droppedAttributesCount() + span.droppedEventsCount() + span.droppedLinksCount() > 0) {
            Span dropped = new Span("Dropped by the SDK: " + span.droppedAttributesCount() + " attributes, "
                    + span.droppedEventsCount() + " events, " + span.droppedLinksCount() + " links");
            dropped.addClassName("tw-muted");
            add(dropped);
        }
        getElement().executeJs("this.scrollTop = 0");
    }

    private static Component exceptionBlock(long spanStart, SpanEvent exception) {
        Div block = new Div();
        block.addClassName("tw-exception");
        Attributes attributes = exception.attributes();
        String type = attributes.getString("exception.type");
        String message = attributes.getString("exception.message");
        Div title = new Div();
        title.addClassName("tw-exception-title");
        Span typeText = new Span(type == null ? "exception" : type);
        typeText.addClassName("tw-exception-type");
        title.add(typeText);
        if (message != null) {
            title.add(new Span(": " + message));
        }
        Span at = new Span("+" + TraceFormat.duration(exception.timeNanos() - spanStart));
        at.addClassName("tw-muted");
        block.add(title, at);
        Object stack = attributes.get("exception.stacktrace");
        if (stack != null) {
            Pre pre = new Pre(TraceFormat.value(stack));
            pre.addClassName("tw-stack");
            block.add(pre);
        }
        Map<String, Object> rest = new java.util.LinkedHashMap<>(attributes.values());
        rest.keySet().removeAll(List.of("exception.type", "exception.message", "exception.stacktrace"));
        if (!rest.isEmpty()) {
            block.add(KeyValues.of(Attributes.of(rest)));
        }
        return block;
    }

    private static Component eventList(long spanStart, List<SpanEvent> events) {
        Div list = new Div();
        list.addClassName("tw-events");
        events.stream().sorted(Comparator.comparingLong(SpanEvent::timeNanos)).limit(MAX_EVENTS).forEach(event -> {
            Div row = new Div();
            row.addClassName("tw-event");
            Span at = new Span("+" + TraceFormat.duration(event.timeNanos() - spanStart));
            at.addClassName("tw-event-time");
            Span name = new Span(event.name());
            name.addClassName("tw-event-name");
            row.add(at, name);
            if (!event.attributes().isEmpty()) {
                row.add(KeyValues.of(event.attributes()));
            }
            list.add(row);
        });
        if (events.size() > MAX_EVENTS) {
            list.add(new Span("… and " + (events.size() - MAX_EVENTS) + " more events"));
        }
        return list;
    }

    private static Component logList(long spanStart, List<LogRecord> logs) {
        Div list = new Div();
        list.addClassName("tw-span-logs");
        logs.stream().limit(MAX_LOGS).forEach(log -> {
            Div row = new Div();
            row.addClassName("tw-span-log");
            Span at = new Span("+" + TraceFormat.duration(log.effectiveTimeNanos() - spanStart));
            at.addClassName("tw-event-time");
            row.add(at, TraceLogList.severityBadge(log), new Span(TraceFormat.value(log.body())));
            list.add(row);
        });
        if (logs.size() > MAX_LOGS) {
            list.add(new Span("… and " + (logs.size() - MAX_LOGS) + " more: see the trace's logs below"));
        }
        return list;
    }

    private static Component linkList(List<SpanLink> links) {
        Div list = new Div();
        for (SpanLink link : links) {
            Div row = new Div();
            row.addClassName("tw-link");
            Anchor anchor = new Anchor(TraceView.link(link.traceId(), link.spanId().isValid() ? link.spanId() : null),
                    "Trace " + link.traceId().toHex() + (link.spanId().isValid() ? " · span " + link.spanId().toHex() : ""));
            anchor.getElement().setAttribute("router-link", true);
            row.add(VaadinIcon.LINK.create(), anchor);
            if (!link.attributes().isEmpty()) {
                row.add(KeyValues.of(link.attributes()));
            }
            list.add(row);
        }
        return list;
    }

    private static Details section(String title, int count, Component content, boolean opened, String className) {
        Span summary = new Span(title + " ");
        Span badge = new Span(String.valueOf(count));
        badge.addClassName("tw-count");
        summary.add(badge);
        Details details = new Details(summary, content);
        details.setOpened(opened);
        details.addClassName("tw-section");
        if (className != null) {
            details.addClassName(className);
        }
        return details;
    }

    /** A two-column key/value list, keys sorted, values as wrapped plain text. */
    static class KeyValues extends Div {

        KeyValues() {
            addClassName("tw-kv");
        }

        static KeyValues of(Attributes attributes) {
            KeyValues list = new KeyValues();
            if (attributes.isEmpty()) {
                Span none = new Span("none");
                none.addClassName("tw-muted");
                list.add(none);
                return list;
            }
            List<Map.Entry<String, Object>> entries = new ArrayList<>(attributes.values().entrySet());
            entries.sort(Map.Entry.comparingByKey());
            entries.forEach(entry -> list.add(entry.getKey(), TraceFormat.value(entry.getValue())));
            return list;
        }

        void add(String key, String value) {
            Span k = new Span(key);
            k.addClassName("tw-kv-key");
            Span v = new Span(value);
            v.addClassName("tw-kv-value");
            add(k, v);
        }
    }
}

package dev.meridian.ui.logs;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import dev.meridian.telemetry.Attributes;
import dev.meridian.telemetry.LogRecord;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The expanded row of one record: the whole body, its attributes, resource and scope, ids, and links
 * to its trace. Every telemetry value is set as text.
 */
class LogDetails extends Div {

    LogDetails(LogRow row, Consumer<LogFilter> narrow, LogFilter current) {
        LogRecord record = row.record();
        addClassName("log-details");

        Pre body = new Pre();
        body.addClassName("log-details-body");
        body.setText(LogText.value(record.body()));
        add(body);

        Div actions = new Div();
        actions.addClassName("log-details-actions");
        String traceLink = LogText.traceLink(record.traceId(), record.spanId());
        if (traceLink != null) {
            Anchor trace = new Anchor(traceLink, "");
            trace.add(VaadinIcon.SPLIT.create(), new Span("Open trace " + LogText.shortId(record.traceId())));
            trace.getElement().setAttribute("router-link", true);
            actions.add(trace);
            actions.add(action("Logs of this trace", () -> narrow.accept(current.withTraceId(record.traceId()))));
        }
        actions.add(action("Only " + LogText.abbreviate(record.serviceName(), 40),
                () -> narrow.accept(current.withService(record.serviceName()))));
        add(actions);

        Div columns = new Div();
        columns.addClassName("log-details-columns");
        Div meta = section("Record");
        entry(meta, "time (UTC)", LogText.fullTime(record.timeNanos()));
        entry(meta, "observed (UTC)", LogText.fullTime(record.observedTimeNanos()));
        entry(meta, "severity", record.severityNumber() + (record.severityText() == null || record.severityText().isBlank()
                ? "" : " (" + record.severityText() + ")"));
        if (record.traceId().isValid()) {
            entry(meta, "trace id", record.traceId().toHex());
        }
        if (record.spanId().isValid()) {
            entry(meta, "span id", record.spanId().toHex());
        }
        if (record.eventName() != null && !record.eventName().isBlank()) {
            entry(meta, "event", record.eventName());
        }
        if (record.scope() != null && record.scope().name() != null && !record.scope().name().isBlank()) {
            entry(meta, "scope", record.scope().name()
                    + (record.scope().version() == null || record.scope().version().isBlank() ? "" : " " + record.scope().version()));
        }
        if (record.droppedAttributesCount() > 0) {
            entry(meta, "dropped attributes", Integer.toString(record.droppedAttributesCount()));
        }
        columns.add(meta, attributes("Attributes", record.attributes()), attributes("Resource", record.resource().attributes()));
        add(columns);
    }

    private static Component action(String label, Runnable run) {
        Span link = new Span(label);
        link.addClassName("log-details-action");
        link.getElement().setAttribute("role", "button");
        link.getElement().setAttribute("tabindex", "0");
        link.addClickListener(click -> run.run());
        return link;
    }

    private static Div attributes(String title, Attributes attributes) {
        Div section = section(title);
        if (attributes == null || attributes.isEmpty()) {
            Span none = new Span("none");
            none.addClassName("log-details-none");
            section.add(none);
            return section;
        }
        for (Map.Entry<String, Object> entry : attributes.values().entrySet()) {
            entry(section, entry.getKey(), LogText.value(entry.getValue()));
        }
        return section;
    }

    private static Div section(String title) {
        Div section = new Div();
        section.addClassName("log-details-section");
        Span heading = new Span(title);
        heading.addClassName("log-details-heading");
        section.add(heading);
        return section;
    }

    private static void entry(Div section, String key, String value) {
        Div line = new Div();
        line.addClassName("log-details-entry");
        Span k = new Span(key);
        k.addClassName("log-details-key");
        Span v = new Span(value);
        v.addClassName("log-details-value");
        line.add(k, v);
        section.add(line);
    }
}

package dev.meridian.ui.traces;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;

/** The trace's headline: root service and operation, and its figures (id, start, duration, spans, services, errors). */
class TraceHeader extends Div {

    /**
     * @param showSpan called with the next span in error when the error count is clicked, cycling
     */
    TraceHeader(TraceModel model, java.util.function.Consumer<SpanNode> showSpan) {
        addClassName("tw-header");

        Div titleRow = new Div();
        titleRow.addClassName("tw-title-row");
        model.root().ifPresent(root -> {
            Span swatch = new Span();
            swatch.addClassName("tw-swatch");
            swatch.addClassName("tw-swatch-large");
            swatch.getStyle().set("background", ServicePalette.color(root.colorIndex()));
            Span service = new Span(root.serviceName());
            service.addClassName("tw-title-service");
            H2 operation = new H2(root.span().name());
            operation.addClassName("tw-title-operation");
            titleRow.add(swatch, service, operation);
            if (root.parentMissing()) {
                Span missing = new Span("root span missing");
                missing.addClassName("tw-badge");
                missing.addClassName("tw-missing");
                titleRow.add(missing);
            }
        });
        if (model.errorCount() > 0) {
            java.util.List<SpanNode> inError = model.spans().stream().filter(SpanNode::error).toList();
            int[] next = {0};
            Button errors = new Button(model.errorCount() + (model.errorCount() == 1 ? " error" : " errors"), click -> {
                showSpan.accept(inError.get(next[0]));
                next[0] = (next[0] + 1) % inError.size();
            });
            errors.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
            errors.setTooltipText("Show the next span in error");
            errors.addClassName("tw-error-pill");
            titleRow.add(errors);
        }

        Div facts = new Div();
        facts.addClassName("tw-facts");
        facts.add(fact("Trace ID", traceId(model)));
        facts.add(fact("Start", new Span(TraceFormat.timestamp(model.startNanos()))));
        facts.add(fact("Duration", new Span(TraceFormat.duration(model.durationNanos()))));
        facts.add(fact("Spans", new Span(String.valueOf(model.spanCount()))));
        facts.add(fact("Depth", new Span(String.valueOf(model.spans().stream().mapToInt(SpanNode::depth).max().orElse(0) + 1))));
        Span errors = new Span(String.valueOf(model.errorCount()));
        if (model.errorCount() > 0) {
            errors.addClassName("meridian-error-text");
        }
        facts.add(fact("Errors", errors));
        if (model.parentMissingCount() > 0) {
            Span missing = new Span(String.valueOf(model.parentMissingCount()));
            missing.setTitle("Spans whose parent span is not stored: shown as extra roots");
            facts.add(fact("Parent missing", missing));
        }
        Div services = new Div();
        services.addClassName("tw-services");
        for (int i = 0; i < model.services().size(); i++) {
            Span chip = new Span();
            chip.addClassName("tw-service-chip");
            Span swatch = new Span();
            swatch.addClassName("tw-swatch");
            swatch.getStyle().set("background", ServicePalette.color(i));
            chip.add(swatch, new Span(model.services().get(i)));
            services.add(chip);
        }
        facts.add(fact("Services (" + model.services().size() + ")", services));
        add(titleRow, facts);
    }

    private static Div traceId(TraceModel model) {
        String hex = model.traceId().toHex();
        Span id = new Span(hex);
        id.addClassName("tw-mono");
        Button copy = new Button(VaadinIcon.COPY_O.create());
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON, ButtonVariant.LUMO_SMALL);
        copy.setAriaLabel("Copy trace id");
        copy.setTooltipText("Copy trace id");
        copy.addClickListener(click -> {
            copy.getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)", hex);
            Notification.show("Trace id copied", 1500, Notification.Position.BOTTOM_START);
        });
        Div box = new Div(id, copy);
        box.addClassName("tw-id");
        return box;
    }

    private static Div fact(String label, com.vaadin.flow.component.Component value) {
        Span name = new Span(label);
        name.addClassName("tw-fact-label");
        Div fact = new Div(name, value);
        fact.addClassName("tw-fact");
        return fact;
    }
}

package dev.meridian.ui.base;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Quick ranges (last 5 minutes … last 7 days) and a custom absolute range, in UTC. */
class TimeRangePicker extends HorizontalLayout {

    private static final String CUSTOM = "Custom range…";

    private final ComboBox<String> quickRanges = new ComboBox<>();
    private final List<Consumer<TimeSelection>> listeners = new ArrayList<>();
    private boolean showing;
    private TimeSelection current = TimeSelection.DEFAULT;

    TimeRangePicker() {
        setSpacing(false);
        List<String> items = new ArrayList<>();
        TimeSelection.PRESETS.forEach(d -> items.add(label(d)));
        items.add(CUSTOM);
        quickRanges.setItems(items);
        quickRanges.setAriaLabel("Time range");
        quickRanges.setAllowCustomValue(false);
        quickRanges.setWidth("13em");
        quickRanges.addValueChangeListener(event -> {
            if (showing || event.getValue() == null) {
                return;
            }
            if (CUSTOM.equals(event.getValue())) {
                openCustomDialog();
                return;
            }
            TimeSelection.PRESETS.stream().filter(d -> label(d).equals(event.getValue())).findFirst()
                    .ifPresent(d -> fire(TimeSelection.last(d)));
        });
        add(quickRanges);
    }

    void addSelectionListener(Consumer<TimeSelection> listener) {
        listeners.add(listener);
    }

    void show(TimeSelection selection) {
        current = selection;
        showing = true;
        try {
            String label = selection.preset().map(TimeRangePicker::label).orElseGet(() -> describe(selection));
            if (!quickRanges.getListDataView().getItems().anyMatch(label::equals)) {
                List<String> items = new ArrayList<>();
                TimeSelection.PRESETS.forEach(d -> items.add(label(d)));
                items.add(label);
                items.add(CUSTOM);
                quickRanges.setItems(items);
            }
            quickRanges.setValue(label);
        } finally {
            showing = false;
        }
    }

    private void fire(TimeSelection window) {
        listeners.forEach(listener -> listener.accept(window));
    }

    private void openCustomDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Custom time range (UTC)");
        DateTimePicker start = new DateTimePicker("From");
        DateTimePicker end = new DateTimePicker("To");
        var range = current.resolve(java.time.Clock.systemUTC());
        start.setValue(LocalDateTime.ofInstant(range.start(), ZoneOffset.UTC));
        end.setValue(LocalDateTime.ofInstant(range.end(), ZoneOffset.UTC));
        dialog.add(new FormLayout(start, end));
        Button apply = new Button("Apply", click -> {
            if (start.getValue() != null && end.getValue() != null && start.getValue().isBefore(end.getValue())) {
                Instant from = start.getValue().toInstant(ZoneOffset.UTC);
                Instant to = end.getValue().toInstant(ZoneOffset.UTC);
                dialog.close();
                fire(TimeSelection.absolute(from, to));
            } else {
                end.setInvalid(true);
                end.setErrorMessage("Must be after From");
            }
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", click -> {
            dialog.close();
            show(current);
        });
        dialog.getFooter().add(cancel, apply);
        dialog.open();
    }

    static String label(Duration preset) {
        long minutes = preset.toMinutes();
        if (minutes < 60) {
            return "Last " + minutes + " minutes";
        }
        if (minutes == 60) {
            return "Last hour";
        }
        if (minutes < 24 * 60 * 2) {
            return "Last " + minutes / 60 + " hours";
        }
        return "Last " + minutes / (24 * 60) + " days";
    }

    private static String describe(TimeSelection selection) {
        var range = selection.resolve(java.time.Clock.systemUTC());
        return range.start().toString().replace('T', ' ').replaceAll(":\\d\\d(\\.\\d+)?Z", "") + " → "
                + range.end().toString().replace('T', ' ').replaceAll(":\\d\\d(\\.\\d+)?Z", "");
    }
}

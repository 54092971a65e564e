package dev.meridian.ui.base;

import com.vaadin.flow.component.select.Select;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Auto-refresh: off, 5 s, 10 s, 30 s, 1 m. */
class RefreshControl extends Select<Optional<Duration>> {

    private final List<Consumer<Duration>> listeners = new ArrayList<>();
    private boolean showing;

    RefreshControl() {
        setAriaLabel("Auto refresh");
        List<Optional<Duration>> items = new ArrayList<>();
        items.add(Optional.empty());
        TimeSelection.REFRESH_INTERVALS.forEach(d -> items.add(Optional.of(d)));
        setItems(items);
        setItemLabelGenerator(item -> item.map(d -> "Refresh " + TimeSelection.format(d)).orElse("Refresh off"));
        setWidth("10em");
        addValueChangeListener(event -> {
            if (!showing && event.getValue() != null) {
                listeners.forEach(listener -> listener.accept(event.getValue().orElse(null)));
            }
        });
    }

    void addIntervalListener(Consumer<Duration> listener) {
        listeners.add(listener);
    }

    void show(Duration interval) {
        showing = true;
        try {
            Optional<Duration> value = Optional.ofNullable(interval)
                    .filter(TimeSelection.REFRESH_INTERVALS::contains);
            setValue(value);
        } finally {
            showing = false;
        }
    }
}

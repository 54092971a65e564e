package dev.meridian.alerts;

import dev.meridian.telemetry.TimeRange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When rules were firing, from their history: each firing event opens a window of its rule and group, the next
 * resolved (or ok) event of that group closes it; a window still open ends at the range's end. Only windows that
 * overlap the range, clipped to it. For marking the moments on charts of the same series. Pure, unit tested.
 */
public final class FiringWindows {

    /** One span of time during which {@code ruleName} (its {@code group}) was firing. */
    public record Window(String ruleId, String ruleName, String group, Instant start, Instant end) {
    }

    private FiringWindows() {
    }

    /**
     * @param history events in any order, including ones before the range (a rule may have started firing earlier)
     * @param ruleIds the rules whose windows are wanted
     */
    public static List<Window> of(List<AlertEvent> history, Set<String> ruleIds, TimeRange range) {
        List<AlertEvent> ordered = new ArrayList<>(history);
        ordered.sort(Comparator.comparing(AlertEvent::at).thenComparingLong(AlertEvent::id));
        Map<String, AlertEvent> open = new HashMap<>();
        List<Window> windows = new ArrayList<>();
        for (AlertEvent event : ordered) {
            if (!ruleIds.contains(event.ruleId())) {
                continue;
            }
            String key = event.ruleId() + '\u0000' + event.group();
            if (event.state() == AlertState.FIRING) {
                open.putIfAbsent(key, event);
            } else if (event.state() == AlertState.RESOLVED || event.state() == AlertState.OK) {
                AlertEvent started = open.remove(key);
                if (started != null) {
                    add(windows, started, event.at(), range);
                }
            }
        }
        open.values().forEach(started -> add(windows, started, range.end(), range));
        windows.sort(Comparator.comparing(Window::start));
        return windows;
    }

    private static void add(List<Window> windows, AlertEvent started, Instant end, TimeRange range) {
        Instant from = started.at().isBefore(range.start()) ? range.start() : started.at();
        Instant to = end.isAfter(range.end()) ? range.end() : end;
        if (from.isBefore(to)) {
            windows.add(new Window(started.ruleId(), started.ruleName(), started.group(), from, to));
        }
    }
}

package dev.meridian.ui.compare;

import dev.meridian.query.compare.Comparison;
import dev.meridian.telemetry.TimeRange;
import dev.meridian.ui.base.Formats;

/** The words of the comparison's header: what was compared with what, sampled or not. Plain Java, tested. */
final class CompareText {

    private CompareText() {
    }

    static String summary(Comparison result, TimeRange range) {
        StringBuilder text = new StringBuilder("Selected: ").append(result.selection()).append(" — ")
                .append(traces(result.selectedCount())).append(" against ").append(result.baselineCount())
                .append(" other traces, ").append(Formats.time(range.start())).append(" to ")
                .append(Formats.time(range.end())).append('.');
        if (result.sampled()) {
            text.append(" A uniform sample: the window holds ").append(result.selectedTotal()).append(" selected and ")
                    .append(result.baselineTotal()).append(" other requests.");
        }
        if (result.partial()) {
            text.append(" Partial: the comparison ran out of its time budget (or read the most requests it may) and"
                    + " compares what it had loaded; narrow the window for a complete answer.");
        }
        return text.toString();
    }

    /** Extra time with its sign; under 0.05 ms (rounding of means) is no difference. */
    static String extra(double ms) {
        if (Math.abs(ms) < 0.05) {
            return "±0";
        }
        return (ms > 0 ? "+" : "−") + Formats.millis(Math.abs(ms));
    }

    private static String traces(long count) {
        return count == 1 ? "1 trace" : count + " traces";
    }
}

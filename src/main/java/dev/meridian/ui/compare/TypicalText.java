package dev.meridian.ui.compare;

import dev.meridian.query.compare.PathComparison;
import dev.meridian.query.compare.TraceVsTypical;
import dev.meridian.ui.base.Formats;

/** The words of the trace-against-typical view. Plain Java, tested. */
final class TypicalText {

    private TypicalText() {
    }

    static String summary(TraceVsTypical result) {
        if (result.typicalCount() == 0) {
            return "No other trace of " + result.rootService() + " · " + result.rootName()
                    + " within 30 minutes of this one: nothing to compare with.";
        }
        return "This trace took " + Formats.millis(result.durationMs()) + "; typical: the " + result.typicalCount()
                + " traces of the same root operation nearest in time (within 30 minutes). Times per span path are"
                + " summed over the path's spans; typical is the median." + (result.partial()
                ? " Partial: ran out of the query budget before loading every typical trace." : "");
    }

    static String status(PathComparison.PathRow row) {
        String share = Formats.percent(row.typicalShare());
        return switch (row.status()) {
            case EXTRA -> row.typicalShare() == 0 ? "extra: in no typical trace" : "extra: only in " + share;
            case MISSING -> "missing here: in " + share;
            case COMMON -> "in " + share;
        };
    }
}

package dev.meridian.ui.compare;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.compare.Findings;
import dev.meridian.query.compare.FindingTargets;
import dev.meridian.telemetry.TraceId;
import dev.meridian.ui.base.QueryString;
import dev.meridian.ui.base.TimeSelection;
import dev.meridian.ui.logs.LogFilter;
import dev.meridian.ui.logs.LogsView;
import dev.meridian.ui.traces.TraceSearchParameters;
import dev.meridian.ui.traces.TraceSearchView;
import dev.meridian.ui.traces.TraceView;
import java.util.List;

/** Where each finding leads: the traces (or logs) behind it, in the compared window. Plain Java, tested. */
final class FindingLinks {

    private FindingLinks() {
    }

    /** The traces behind an attribute value ({@link FindingTargets#attribute}), in the trace search's own URL. */
    static String attribute(Findings.AttributeFinding finding, TimeSelection window) {
        return traces(FindingTargets.attribute(finding), window);
    }

    /** The traces behind an operation's extra time ({@link FindingTargets#operation}). */
    static String operation(Findings.OperationFinding finding, TimeSelection window) {
        return traces(FindingTargets.operation(finding), window);
    }

    /** The logs of a pattern ({@link FindingTargets#log}), in the logs view's own URL. */
    static String log(Findings.LogFinding finding, TimeSelection window) {
        return LogsView.link(LogFilter.fromParameters(FindingTargets.log(finding).parameters()), window);
    }

    private static String traces(FindingTargets.Target target, TimeSelection window) {
        return traces(TraceSearchParameters.fromParameters(target.parameters()), window);
    }

    /** The selected traces themselves: the trace search of the comparison's service, operation and bounds. */
    static String selected(CompareParameters compare, TimeSelection window) {
        return traces(new TraceSearchParameters(compare.service(), compare.operation(), compare.minDurationMs(), null,
                compare.errorsOnly() ? TraceSearch.Status.ERROR : null, List.of(),
                compare.errorsOnly() ? TraceSearch.Sort.ERRORS : TraceSearch.Sort.DURATION), window);
    }

    static String traces(TraceSearchParameters search, TimeSelection window) {
        return QueryString.link("traces", TraceSearchView.query(search, window).getParameters());
    }

    static String trace(String traceIdHex) {
        return TraceView.link(TraceId.fromHex(traceIdHex), null);
    }
}

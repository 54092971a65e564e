package dev.meridian.ui.compare;

import dev.meridian.query.TraceSearch;
import dev.meridian.query.compare.Findings;
import dev.meridian.query.compare.LogPatterns;
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

    /**
     * Traces of the finding's service with a span carrying the value, slowest first; a resource attribute cannot be
     * filtered by the trace search (it matches span attributes), so its link is the service's slowest traces.
     */
    static String attribute(Findings.AttributeFinding finding, TimeSelection window) {
        List<TraceSearch.AttributeFilter> filter = finding.resource() ? List.of()
                : List.of(new TraceSearch.AttributeFilter(finding.key(), finding.value()));
        return traces(new TraceSearchParameters(finding.service(), null, null, null, null, filter,
                TraceSearch.Sort.DURATION), window);
    }

    /** Spans of the operation slower than halfway between its typical and its selected self time, slowest first. */
    static String operation(Findings.OperationFinding finding, TimeSelection window) {
        double bound = Math.max(0, Math.floor((finding.selectedSelfMs() + finding.baselineSelfMs()) / 2));
        return traces(new TraceSearchParameters(finding.service(), finding.name(), bound, null, null, List.of(),
                TraceSearch.Sort.DURATION), window);
    }

    /** The logs of the pattern's service that contain its longest literal text. */
    static String log(Findings.LogFinding finding, TimeSelection window) {
        return LogsView.link(new LogFilter(LogPatterns.longestLiteral(finding.pattern()), null, finding.service(), null),
                window);
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

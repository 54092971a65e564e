package dev.meridian.query.jdbc;

import dev.meridian.query.QueryLimits;
import dev.meridian.query.ServiceMap;
import dev.meridian.query.ServiceMapQueries;
import dev.meridian.query.ServiceQueries;
import dev.meridian.storage.jdbc.Dictionaries;
import dev.meridian.storage.jdbc.HistogramCodec;
import dev.meridian.storage.rollup.RollupPlan;
import dev.meridian.telemetry.TimeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.springframework.dao.DataAccessException;

/**
 * The service map: nodes from {@link ServiceQueries#services} (the per-service RED rollups), edges from
 * {@code edge_rollup*} read through a {@link RollupPlan} like the RED figures (hourly and 10-minute cells
 * below the compactor's watermarks, minute rows at the window's edges and after them), merged per edge with
 * their histograms. A day reads ~150 cells per edge, a week ~200; the rows are bounded by edges × cells. Both
 * reads (four statements: watermarks and rows of each) run within one query budget ({@link QueryLimits#timeout()}):
 * each statement gets only the time that is left.
 */
public class JdbcServiceMapQueries implements ServiceMapQueries {

    private final DataSource dataSource;
    private final Dictionaries dictionaries;
    private final JdbcServiceQueries services;
    private final QueryLimits limits;

    public JdbcServiceMapQueries(DataSource dataSource, Dictionaries dictionaries, JdbcServiceQueries services,
                                 QueryLimits limits) {
        this.dataSource = dataSource;
        this.dictionaries = dictionaries;
        this.services = services;
        this.limits = limits;
    }

    private record EdgeKey(int source, int target) {
    }

    private static final class Cell {
        long calls;
        long errors;
        final Histogram histogram = HistogramCodec.newHistogram();
    }

    @Override
    public ServiceMap serviceMap(TimeRange range) {
        ReadBudget budget = ReadBudget.start(dataSource, limits);
        try {
            RollupPlan plan = JdbcServiceQueries.plan(budget.jdbc(), range);
            List<ServiceMap.Edge> edges = edges(budget, plan);
            if (budget.spent()) {
                throw budget.exceeded(null);
            }
            List<ServiceMap.Node> nodes = services.servicesWithin(plan, budget).stream()
                    .map(s -> new ServiceMap.Node(s.name(), s.requestCount(), s.errorCount(), s.p95Ms()))
                    .toList();
            return new ServiceMap(nodes, edges);
        } catch (DataAccessException e) {
            throw budget.translate(e);
        }
    }

    private List<ServiceMap.Edge> edges(ReadBudget budget, RollupPlan plan) {
        if (plan.pieces().isEmpty()) {
            return List.of();
        }
        Sql sql = JdbcServiceQueries.select(plan, // table names are the level's constants
                level -> "SELECT source_service_id, target_service_id, call_count, error_count, histogram FROM "
                        + level.edgeTable(), null, null);
        Map<EdgeKey, Cell> cells = new HashMap<>();
        budget.jdbc().query(sql.text(), rs -> {
            Cell cell = cells.computeIfAbsent(new EdgeKey(rs.getInt(1), rs.getInt(2)), k -> new Cell());
            cell.calls += rs.getLong(3);
            cell.errors += rs.getLong(4);
            cell.histogram.add(HistogramCodec.decode(rs.getBytes(5)));
        }, sql.parameters());
        List<ServiceMap.Edge> edges = new ArrayList<>(cells.size());
        cells.forEach((key, cell) -> edges.add(new ServiceMap.Edge(dictionaries.services().name(key.source()),
                dictionaries.services().name(key.target()), cell.calls, cell.errors,
                HistogramCodec.percentileMs(cell.histogram, 95))));
        edges.sort(Comparator.comparing(ServiceMap.Edge::source).thenComparing(ServiceMap.Edge::target));
        return edges;
    }

    @Override
    public String toString() {
        return "JdbcServiceMapQueries{" + limits + "}";
    }
}

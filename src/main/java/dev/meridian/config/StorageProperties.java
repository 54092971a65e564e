package dev.meridian.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how Meridian stores telemetry.
 *
 * @param dataDir   {@code meridian.data-dir} (env {@code MERIDIAN_DATA_DIR}): the directory of the embedded H2
 *                  database; created at startup. The datasource URL defaults to a file in it.
 * @param storage   {@code meridian.storage.*}
 * @param retention {@code meridian.retention.*}
 * @param rollup    {@code meridian.rollup.*}
 */
@ConfigurationProperties("meridian")
public record StorageProperties(@DefaultValue("./data") Path dataDir,
                                @DefaultValue Storage storage,
                                @DefaultValue Retention retention,
                                @DefaultValue Rollup rollup) {

    /**
     * @param indexedAttributes span attribute keys written to the attribute side index, so that
     *                          {@code attr=key=value} searches on them are index lookups; other keys are
     *                          searched by scanning the window's spans. The defaults are keys whose values
     *                          pick out few spans; low-cardinality keys (HTTP method and status, db.system,
     *                          db.namespace) are left out: their entries cost the writer 10-25 % of its time per
     *                          span (issue 6), and a value shared by a large part of the spans gains little from
     *                          an index; add them here when such searches matter more than ingest
     * @param limits            {@code meridian.storage.limits.*}: the most entries each dictionary holds
     */
    public record Storage(@DefaultValue({"http.route", "url.path", "rpc.service", "rpc.method",
            "messaging.destination.name", "error.type", "exception.type", "user.id", "enduser.id",
            "order.id", "customer.id", "tenant.id"}) List<String> indexedAttributes,
                          @DefaultValue Limits limits) {
    }

    /**
     * Cardinality limits (see {@code storage.jdbc.DictionaryLimits}): beyond them new service and span names are
     * stored as {@code meridian.overflow}, new resources as the service's overflow resource, new metric series as
     * the metric's {@code otel.metric.overflow=true} series, and points of new metrics are dropped; all counted in
     * {@code /api/v1/ingest/stats}.
     */
    public record Limits(@DefaultValue("5000") int maxServices,
                         @DefaultValue("100000") int maxSpanNames,
                         @DefaultValue("100000") int maxResources,
                         @DefaultValue("20000") int maxMetrics,
                         @DefaultValue("500000") int maxMetricSeries) {
    }

    /**
     * @param maxAge    telemetry older than this is deleted
     * @param interval  how often retention runs
     * @param batchRows at most this many rows per delete statement (each batch is its own transaction)
     * @param timeBudget one run stops after this long and continues next time
     */
    public record Retention(@DefaultValue("7d") Duration maxAge,
                            @DefaultValue("10m") Duration interval,
                            @DefaultValue("20000") int batchRows,
                            @DefaultValue("30s") Duration timeBudget) {
    }

    /**
     * The 10-minute and hourly rollup levels (see {@code storage.rollup.RollupCompactor}).
     *
     * @param lateness a 10-minute bucket is compacted this long after it ends
     * @param recheck  spans arriving up to this long after their bucket was compacted are folded in by the next run
     * @param interval how often the compactor runs
     */
    public record Rollup(@DefaultValue("5m") Duration lateness,
                         @DefaultValue("1h") Duration recheck,
                         @DefaultValue("1m") Duration interval) {
    }
}

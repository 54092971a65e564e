package dev.meridian.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Rows of {@code red_rollup} / {@code service_rollup} and of their coarser levels: the columns in upsert order
 * (see {@link SqlDialect#upsert}), and how a row is bound, for the writer and the rollup compactor alike.
 */
public final class RollupRows {

    public static final List<String> RED_KEYS = List.of("service_id", "bucket_minute", "operation_id", "kind");
    public static final List<String> RED_VALUES = List.of("request_count", "error_count", "duration_sum_ns", "status_ok",
            "status_4xx", "status_5xx", "histogram");
    public static final List<String> SERVICE_KEYS = List.of("service_id", "bucket_minute");
    public static final List<String> SERVICE_VALUES = List.of("span_count", "request_count", "error_count", "histogram");

    public static final List<String> EDGE_KEYS = List.of("source_service_id", "target_service_id", "bucket_minute");
    public static final List<String> EDGE_VALUES = List.of("call_count", "error_count", "histogram");

    private RollupRows() {
    }

    /** Binds a RED row to an upsert of {@link #RED_KEYS} then {@link #RED_VALUES}. */
    public static void bindRed(PreparedStatement upsert, int serviceId, long bucketMinute, int operationId, int kind,
                            long requests, long errors, long durationSumNanos, long statusOk, long status4xx,
                            long status5xx, Histogram histogram) throws SQLException {
        upsert.setInt(1, serviceId);
        upsert.setLong(2, bucketMinute);
        upsert.setInt(3, operationId);
        upsert.setInt(4, kind);
        upsert.setLong(5, requests);
        upsert.setLong(6, errors);
        upsert.setLong(7, durationSumNanos);
        upsert.setLong(8, statusOk);
        upsert.setLong(9, status4xx);
        upsert.setLong(10, status5xx);
        upsert.setBytes(11, HistogramCodec.encode(histogram));
    }

    /** Binds a service row to an upsert of {@link #SERVICE_KEYS} then {@link #SERVICE_VALUES}. */
    public static void bindService(PreparedStatement upsert, int serviceId, long bucketMinute, long spans, long requests,
                                   long errors, Histogram histogram) throws SQLException {
        upsert.setInt(1, serviceId);
        upsert.setLong(2, bucketMinute);
        upsert.setLong(3, spans);
        upsert.setLong(4, requests);
        upsert.setLong(5, errors);
        upsert.setBytes(6, HistogramCodec.encode(histogram));
    }

    /** Binds a service-map edge row to an upsert of {@link #EDGE_KEYS} then {@link #EDGE_VALUES}. */
    public static void bindEdge(PreparedStatement upsert, int sourceServiceId, int targetServiceId, long bucketMinute,
                                long calls, long errors, Histogram histogram) throws SQLException {
        upsert.setInt(1, sourceServiceId);
        upsert.setInt(2, targetServiceId);
        upsert.setLong(3, bucketMinute);
        upsert.setLong(4, calls);
        upsert.setLong(5, errors);
        upsert.setBytes(6, HistogramCodec.encode(histogram));
    }
}

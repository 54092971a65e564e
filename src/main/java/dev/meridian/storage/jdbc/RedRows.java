package dev.meridian.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.HdrHistogram.Histogram;

/** One row of {@code red_rollup} or of its coarser levels: the columns in upsert order, and how a row is bound. */
public final class RedRows {

    public static final List<String> KEY_COLUMNS = List.of("service_id", "bucket_minute", "operation_id", "kind");
    public static final List<String> VALUE_COLUMNS = List.of("request_count", "error_count", "duration_sum_ns", "status_ok",
            "status_4xx", "status_5xx", "histogram");

    private RedRows() {
    }

    /** Binds a row to an upsert of {@link #KEY_COLUMNS} then {@link #VALUE_COLUMNS} (see {@link SqlDialect#upsert}). */
    public static void bind(PreparedStatement upsert, int serviceId, long bucketMinute, int operationId, int kind,
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
}

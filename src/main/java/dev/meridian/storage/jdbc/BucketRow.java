package dev.meridian.storage.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * A row of packed postings of one hash bucket and key window, appended at the end of its bucket's range: the shape of
 * {@code attribute_postings} ({@link AttributePostings}) and {@code trace_index_recent} ({@link TraceIndex}).
 *
 * @param firstKey the smallest run key of its postings
 * @param lastKey  the greatest
 */
record BucketRow(int bucket, long firstKey, long lastKey, byte[] postings) {

    /** Binds the row's four columns, in this order, from parameter {@code offset + 1}. */
    void bind(PreparedStatement statement, int offset) throws SQLException {
        statement.setInt(offset + 1, bucket);
        statement.setLong(offset + 2, firstKey);
        statement.setLong(offset + 3, lastKey);
        statement.setBytes(offset + 4, postings);
    }

    /** Postings grouped as rows take them: by key window, then by bucket, both in order. */
    static <P> Map<Long, Map<Integer, List<P>>> byWindowAndBucket(Collection<P> postings, ToLongFunction<P> window,
                                                                  ToIntFunction<P> bucket) {
        Map<Long, Map<Integer, List<P>>> byWindow = new TreeMap<>();
        for (P posting : postings) {
            byWindow.computeIfAbsent(window.applyAsLong(posting), w -> new TreeMap<>())
                    .computeIfAbsent(bucket.applyAsInt(posting), b -> new ArrayList<>()).add(posting);
        }
        return byWindow;
    }
}

package dev.meridian.storage.jdbc;

import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/**
 * Rollup histograms: HdrHistogram of microseconds with 2 significant digits (values are exact to
 * within 1%), auto-resizing, serialized uncompressed and then zstd-compressed.
 */
public final class HistogramCodec {

    public static final int SIGNIFICANT_DIGITS = 2;

    private HistogramCodec() {
    }

    public static Histogram newHistogram() {
        Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        return histogram;
    }

    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoByteBuffer(buffer);
        return Compression.pack(buffer.array(), length);
    }

    public static Histogram decode(byte[] packed) {
        Histogram histogram = Histogram.decodeFromByteBuffer(ByteBuffer.wrap(Compression.unpack(packed)), 0);
        histogram.setAutoResize(true);
        return histogram;
    }

    /** The value at a percentile (0-100) in milliseconds, NaN for an empty histogram. */
    public static double percentileMs(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}

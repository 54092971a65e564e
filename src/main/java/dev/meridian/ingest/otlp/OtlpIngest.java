package dev.meridian.ingest.otlp;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.Message;

import dev.meridian.ingest.IngestOverloadedException;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestUnavailableException;
import dev.meridian.ingest.LogEntry;

/** The part of an export both receivers share: count rejections, submit, wait for the commit, build the response. */
final class OtlpIngest {

    private final IngestPipeline pipeline;
    private final Duration writeTimeout;

    OtlpIngest(IngestPipeline pipeline, Duration writeTimeout) {
        this.pipeline = pipeline;
        this.writeTimeout = writeTimeout;
    }

    /**
     * Stores the valid part of {@code decoded} and returns the export response once it is committed.
     *
     * @throws IngestOverloadedException  nothing stored, try later
     * @throws IngestUnavailableException nothing acknowledged (storage failed, timed out, shutting down)
     */
    Message export(OtlpSignal signal, Decoded decoded) {
        pipeline.stats().rejected(signal.signal(), decoded.rejected());
        var committed = pipeline.submit(decoded.batch(), new LogEntry(signal.logType(), decoded.protobuf()));
        try {
            committed.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IngestUnavailableException unavailable) {
                throw unavailable;
            }
            throw new IngestUnavailableException("storage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IngestUnavailableException("storage did not commit the batch within " + writeTimeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailableException("interrupted while waiting for storage", e);
        }
        return signal.response(decoded);
    }
}

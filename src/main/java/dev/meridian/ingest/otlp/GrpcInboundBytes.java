package dev.meridian.ingest.otlp;

import java.time.Duration;

import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestOverloadedException;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;

/**
 * Charges OTLP/gRPC message bytes to the in-flight byte budget while the transport receives them, before
 * grpc-java has the whole message.
 *
 * <p>Why a stream tracer: grpc-java buffers a unary request completely before the handler (or a marshaller)
 * sees it, so a budget checked in the handler lets any number of concurrent 64 MB messages be buffered first.
 * The transport reports each chunk of a message body to {@link ServerStreamTracer#inboundWireSize} as it adds
 * the chunk to the message buffer; the tracer reserves it there. When the budget has no room the tracer throws
 * RESOURCE_EXHAUSTED: grpc-java treats that like a message over {@code maxInboundMessageSize}, answers the
 * call with that status, resets the stream and drops what it buffered. (That answer carries no
 * {@code RetryInfo}; the OpenTelemetry SDKs retry RESOURCE_EXHAUSTED anyway, the Collector's exporter only
 * with it.) A flow-control window was not the tool: grpc-java returns window as soon as it buffers bytes, not
 * when the application takes the message, so it bounds the network, not the buffers.
 *
 * <p>The reservation lives in the call's {@link Context} ({@link #RESERVED}), so the handler tops it up for the
 * inflated size of a compressed message, and it is released when the stream closes, after the answer is
 * sent, whatever the outcome. Not counted: bytes inside the HTTP/2 layer not yet handed to the message
 * buffer, at most the flow-control window per stream.
 */
final class GrpcInboundBytes extends ServerStreamTracer.Factory {

    /** The current call's share of the budget. */
    static final Context.Key<RequestBytes> RESERVED = Context.key("meridian.otlp.reserved-bytes");

    private final InflightBytes inflight;
    private final Duration retryAfter;

    GrpcInboundBytes(InflightBytes inflight, Duration retryAfter) {
        this.inflight = inflight;
        this.retryAfter = retryAfter;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        return new Tracer(new RequestBytes(inflight, retryAfter));
    }

    private static final class Tracer extends ServerStreamTracer {
        private final RequestBytes reserved;

        Tracer(RequestBytes reserved) {
            this.reserved = reserved;
        }

        @Override
        public Context filterContext(Context context) {
            return context.withValue(RESERVED, reserved);
        }

        @Override
        public void inboundWireSize(long bytes) {
            try {
                reserved.acquire(bytes);
            } catch (IngestOverloadedException e) {
                throw Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage() + " (refused while receiving the message)")
                        .asRuntimeException();
            }
        }

        @Override
        public void streamClosed(Status status) {
            reserved.close();
        }
    }
}

package dev.meridian.ingest.otlp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;

import dev.meridian.config.OtlpProperties;
import dev.meridian.ingest.InflightBytes;
import dev.meridian.ingest.IngestOverloadedException;
import dev.meridian.ingest.IngestPipeline;
import dev.meridian.ingest.IngestUnavailableException;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * OTLP/gRPC: {@code TraceService/Export}, {@code MetricsService/Export}, {@code LogsService/Export}.
 *
 * <p>The methods are the generated ones from opentelemetry-proto with the request marshaller swapped for raw
 * bytes, so that decoding happens here: an undecodable request is INVALID_ARGUMENT with the parser's message
 * (grpc-java would answer INTERNAL), and its size is charged to the in-flight byte budget before it is
 * parsed. Messages over {@code max-body-bytes} (after gzip decompression, which grpc-java counts while
 * inflating) are refused by grpc-java with RESOURCE_EXHAUSTED. Overload is RESOURCE_EXHAUSTED with a
 * {@code google.rpc.RetryInfo} detail (OTLP clients retry only then), a storage failure UNAVAILABLE.
 */
final class OtlpGrpcReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OtlpGrpcReceiver.class);

    /**
     * The request as bytes, or why it could not be read. Reading happens in the marshaller, where grpc-java
     * inflates a compressed message and enforces the size limit; a failure thrown from there would reach the
     * client as UNKNOWN, so it is carried to the handler instead and answered with its own status.
     */
    private record Inbound(byte[] bytes, Status failure) {
    }

    private static final MethodDescriptor.Marshaller<Inbound> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(Inbound value) {
            return new ByteArrayInputStream(value.bytes());
        }

        @Override
        public Inbound parse(InputStream stream) {
            try {
                return new Inbound(stream.readAllBytes(), null);
            } catch (StatusRuntimeException e) {
                return new Inbound(null, e.getStatus()); // e.g. RESOURCE_EXHAUSTED: inflated beyond the limit
            } catch (IOException e) {
                return new Inbound(null, Status.INVALID_ARGUMENT.withDescription("cannot read the request: " + e.getMessage()));
            }
        }
    };

    private final OtlpProperties properties;
    private final OtlpIngest ingest;
    private final InflightBytes inflight;
    private volatile Server server;
    private ExecutorService executor;

    OtlpGrpcReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        this.properties = properties;
        this.ingest = ingest;
        this.inflight = inflight;
    }

    /** The bound port; -1 when not running. */
    int port() {
        Server current = server;
        return current == null ? -1 : current.getPort();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("otlp-grpc-", 0).factory());
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(properties.bindAddress(), properties.grpcPort()))
                .executor(executor)
                .maxInboundMessageSize(properties.maxBody());
        for (OtlpSignal signal : OtlpSignal.values()) {
            builder.addService(service(signal));
        }
        try {
            server = builder.build().start();
            log.info("OTLP/gRPC receiver listening on {}:{}", properties.bindAddress(), port());
        } catch (IOException e) {
            executor.shutdown();
            throw new IllegalStateException("cannot listen for OTLP/gRPC on " + properties.bindAddress() + ":"
                    + properties.grpcPort() + " (meridian.otlp.grpc-port): " + e.getMessage(), e);
        }
    }

    /** Stops accepting calls and waits for running ones (their commits) before forcing the rest closed. */
    @Override
    public synchronized void stop() {
        Server current = server;
        if (current == null) {
            return;
        }
        server = null;
        current.shutdown();
        try {
            if (!current.awaitTermination(properties.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.shutdownNow();
        }
        executor.shutdown();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return IngestPipeline.RECEIVER_PHASE;
    }

    private ServerServiceDefinition service(OtlpSignal signal) {
        @SuppressWarnings("unchecked")
        MethodDescriptor<Message, Message> generated = (MethodDescriptor<Message, Message>) signal.grpcMethod();
        MethodDescriptor<Inbound, Message> method = generated.toBuilder(RAW, generated.getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(generated.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, observer) -> export(signal, request, observer)))
                .build();
    }

    private void export(OtlpSignal signal, Inbound inbound, StreamObserver<Message> observer) {
        if (inbound.failure() != null) {
            observer.onError(inbound.failure().asRuntimeException());
            return;
        }
        byte[] request = inbound.bytes();
        if (!inflight.tryAcquire(request.length)) {
            observer.onError(overloaded(new IngestOverloadedException("the server is busy: " + inflight.used() + " of "
                    + inflight.limit() + " request bytes are in flight (meridian.otlp.max-inflight-bytes); retry later",
                    properties.retryAfter())));
            return;
        }
        long reserved = request.length;
        try {
            Decoded decoded = signal.decodeProtobuf(request);
            observer.onNext(ingest.export(signal, decoded));
            observer.onCompleted();
        } catch (OtlpDecodingException e) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (IngestOverloadedException e) {
            observer.onError(overloaded(e));
        } catch (IngestUnavailableException e) {
            observer.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            log.error("OTLP/gRPC export failed unexpectedly", e);
            observer.onError(Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
        } finally {
            inflight.release(reserved);
        }
    }

    private static RuntimeException overloaded(IngestOverloadedException e) {
        long millis = e.retryAfter().toMillis();
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000)).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED.getNumber()).setMessage(e.getMessage()).addDetails(Any.pack(retry)).build());
    }
}

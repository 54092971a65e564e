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
import io.grpc.KnownLength;
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
 * (grpc-java would answer INTERNAL). Messages over {@code max-body-bytes} (after gzip decompression, which
 * grpc-java counts while inflating) are refused by grpc-java with RESOURCE_EXHAUSTED. Overload is
 * RESOURCE_EXHAUSTED with a {@code google.rpc.RetryInfo} detail (OTLP clients retry only then), a storage
 * failure UNAVAILABLE, a missing or wrong bearer token (when {@code bearer-tokens} are set) UNAUTHENTICATED.
 *
 * <p>Memory: message bytes are charged to the in-flight byte budget while the transport receives them
 * ({@link GrpcInboundBytes}), and the inflated bytes of a compressed message while they are inflated; the
 * share is released when the call's stream closes. Connections: at most
 * {@code grpc-max-concurrent-calls-per-connection} calls at once on one connection; connections older than
 * {@code grpc-max-connection-age} are sent GOAWAY and get {@code grpc-max-connection-age-grace} to finish
 * their calls; idle ones close after {@code grpc-max-connection-idle}; silent ones are pinged after
 * {@code grpc-keep-alive-time} and closed if the ping is not answered; clients pinging more often than
 * {@code grpc-permit-keep-alive-time} are disconnected; a connection must finish its HTTP/2 preface within
 * {@code grpc-handshake-timeout}. grpc-java has no limit on the number of connections.
 */
final class OtlpGrpcReceiver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OtlpGrpcReceiver.class);
    private static final long KEEP_ALIVE_TIMEOUT_SECONDS = 20;

    /**
     * The request as bytes, or why it could not be read. Reading happens in the marshaller, where grpc-java
     * inflates a compressed message and enforces the size limit; a failure thrown from there would reach the
     * client as UNKNOWN, so it is carried to the handler instead and answered with its own status.
     */
    private record Inbound(byte[] bytes, StatusRuntimeException failure) {
    }

    /** Reads the message; a compressed one is inflated into memory reserved as it grows (see {@link ReservedBody}). */
    private final class RawMarshaller implements MethodDescriptor.Marshaller<Inbound> {
        @Override
        public InputStream stream(Inbound value) {
            return new ByteArrayInputStream(value.bytes());
        }

        @Override
        public Inbound parse(InputStream stream) {
            RequestBytes reserved = GrpcInboundBytes.RESERVED.get();
            try {
                if (reserved == null || stream instanceof KnownLength) {
                    // not compressed: these bytes were charged while they arrived, and the copy replaces the
                    // transport's buffer, which is freed when this returns
                    return new Inbound(stream.readAllBytes(), null);
                }
                return new Inbound(ReservedBody.read(stream, -1, properties.maxBody(), reserved, "gRPC message is larger than "
                        + properties.maxBody() + " bytes after decompression (meridian.otlp.max-body-bytes)"), null);
            } catch (StatusRuntimeException e) {
                return new Inbound(null, e); // e.g. RESOURCE_EXHAUSTED: inflated beyond the limit
            } catch (IngestOverloadedException e) {
                return new Inbound(null, overloaded(e));
            } catch (ReservedBody.BodyTooLargeException e) {
                return new Inbound(null, Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()).asRuntimeException());
            } catch (IOException e) {
                return new Inbound(null, Status.INVALID_ARGUMENT.withDescription("cannot read the request: " + e.getMessage())
                        .asRuntimeException());
            }
        }
    }

    private final OtlpProperties properties;
    private final OtlpIngest ingest;
    private final InflightBytes inflight;
    private final OtlpLimits limits;
    private volatile Server server;
    private ExecutorService executor;

    OtlpGrpcReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight) {
        this(properties, ingest, inflight, OtlpLimits.DEFAULTS);
    }

    OtlpGrpcReceiver(OtlpProperties properties, OtlpIngest ingest, InflightBytes inflight, OtlpLimits limits) {
        this.properties = properties;
        this.ingest = ingest;
        this.inflight = inflight;
        this.limits = limits;
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
                .maxInboundMessageSize(properties.maxBody())
                .addStreamTracerFactory(new GrpcInboundBytes(inflight, properties.retryAfter()))
                .maxConcurrentCallsPerConnection(properties.grpcMaxConcurrentCallsPerConnection())
                .maxConnectionAge(properties.grpcMaxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(properties.grpcMaxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(properties.grpcMaxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTime(properties.grpcKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .permitKeepAliveTime(properties.grpcPermitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveWithoutCalls(true)
                .handshakeTimeout(properties.grpcHandshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        BearerTokens tokens = new BearerTokens(properties.bearerTokens());
        if (tokens.required()) {
            builder.intercept(new GrpcBearerTokenInterceptor(tokens));
        }
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
        MethodDescriptor<Inbound, Message> method = generated.toBuilder(new RawMarshaller(), generated.getResponseMarshaller()).build();
        return ServerServiceDefinition.builder(generated.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall((request, observer) -> export(signal, request, observer)))
                .build();
    }

    private void export(OtlpSignal signal, Inbound inbound, StreamObserver<Message> observer) {
        if (inbound.failure() != null) {
            observer.onError(inbound.failure());
            return;
        }
        byte[] request = inbound.bytes();
        RequestBytes streamShare = GrpcInboundBytes.RESERVED.get();
        RequestBytes reserved = streamShare != null ? streamShare : new RequestBytes(inflight, properties.retryAfter());
        try {
            reserved.acquireUpTo(request.length); // normally charged already while the message arrived
            Decoded decoded = signal.decodeProtobuf(request, limits);
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
            if (streamShare == null) {
                reserved.close(); // the stream's share is released by the transport when the stream closes
            }
        }
    }

    private static StatusRuntimeException overloaded(IngestOverloadedException e) {
        long millis = e.retryAfter().toMillis();
        RetryInfo retry = RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                .setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000)).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED.getNumber()).setMessage(e.getMessage()).addDetails(Any.pack(retry)).build());
    }
}

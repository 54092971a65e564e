package dev.meridian.ingest.otlp;

/**
 * The ports the OTLP receivers are actually bound to (with port 0 configured, the free ports picked at
 * start). Tests and the UI's "how to connect" hints read them here.
 */
public final class OtlpEndpoints {

    private final OtlpGrpcReceiver grpc;
    private final OtlpHttpReceiver http;

    OtlpEndpoints(OtlpGrpcReceiver grpc, OtlpHttpReceiver http) {
        this.grpc = grpc;
        this.http = http;
    }

    /** The OTLP/gRPC port, or -1 when the receiver is not running. */
    public int grpcPort() {
        return grpc.port();
    }

    /** The OTLP/HTTP port, or -1 when the receiver is not running. */
    public int httpPort() {
        return http.port();
    }

    public boolean grpcRunning() {
        return grpc.isRunning();
    }

    public boolean httpRunning() {
        return http.isRunning();
    }
}

package dev.meridian.ingest.otlp;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * OTLP/gRPC authentication: a call without {@code authorization: Bearer <token>} naming a configured token
 * is closed with UNAUTHENTICATED before its message is read. Installed only when tokens are configured.
 */
final class GrpcBearerTokenInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final BearerTokens tokens;

    GrpcBearerTokenInterceptor(BearerTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (tokens.allows(headers.get(AUTHORIZATION))) {
            return next.startCall(call, headers);
        }
        call.close(Status.UNAUTHENTICATED.withDescription(
                "missing or wrong bearer token: send 'authorization: Bearer <token>' (meridian.otlp.bearer-tokens)"), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}

package dev.meridian.ingest.otlp;

import org.springframework.test.context.TestPropertySource;

/**
 * The application with the OTLP receivers locked down: bearer tokens required, and short timeouts (HTTP read,
 * gRPC handshake and idle connection: 2 s) so that tests of stalled or idle clients wait briefly. Test classes extending this share one context.
 * No write-ahead log: it would clash with the log of the default test context, which shares the data directory.
 */
@TestPropertySource(properties = {
        "meridian.ingest-log.enabled=false",
        "meridian.otlp.http-read-timeout=2s",
        "meridian.otlp.grpc-handshake-timeout=2s",
        "meridian.otlp.grpc-max-connection-idle=2s",
        "meridian.otlp.grpc-max-concurrent-calls-per-connection=" + GuardedReceiversApp.MAX_CALLS_PER_CONNECTION,
        "meridian.otlp.bearer-tokens=" + GuardedReceiversApp.TOKEN + ", " + GuardedReceiversApp.OTHER_TOKEN,
})
abstract class GuardedReceiversApp extends RunningApp {

    static final String TOKEN = "s3cret-token-for-tests";
    static final String OTHER_TOKEN = "another-valid-token";
    static final int MAX_CALLS_PER_CONNECTION = 7;
}

package dev.meridian.ingest.otlp;

import org.springframework.test.context.TestPropertySource;

/**
 * The application with the OTLP receivers locked down: bearer tokens required and a short HTTP read timeout
 * (2 s), so that tests of stalled clients wait briefly. Test classes extending this share one context.
 * No write-ahead log: it would clash with the log of the default test context, which shares the data directory.
 */
@TestPropertySource(properties = {
        "meridian.ingest-log.enabled=false",
        "meridian.otlp.http-read-timeout=2s",
        "meridian.otlp.bearer-tokens=" + GuardedReceiversApp.TOKEN + ", " + GuardedReceiversApp.OTHER_TOKEN,
})
abstract class GuardedReceiversApp extends RunningApp {

    static final String TOKEN = "s3cret-token-for-tests";
    static final String OTHER_TOKEN = "another-valid-token";
}

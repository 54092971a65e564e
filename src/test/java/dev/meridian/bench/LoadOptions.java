package dev.meridian.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The load generator's command line. Durations are written {@code 4s}, {@code 500ms}, {@code 2m} or as plain
 * seconds.
 *
 * @param endpoint  OTLP/HTTP base URL, as {@code OTEL_EXPORTER_OTLP_ENDPOINT}: spans go to {@code <endpoint>/v1/traces}
 * @param exporters exporters sending in parallel, each with one request in flight (as a BatchSpanProcessor)
 * @param batch     spans per request
 * @param rate      target total spans/s over all exporters; 0 sends back to back
 * @param services  distinct {@code service.name}s
 * @param spread    each trace ended within this long before its request is sent
 * @param warmup    sent before the measured window and not counted in it
 * @param duration  the measured window
 * @param timeout   per attempt; a timed-out attempt is retried like a refused one
 * @param client    {@code raw}: a blocking HTTP/1.1 client on a socket per exporter (cheapest); {@code jdk}: java.net.http
 * @param templates request templates per service and trace phase (distinct durations, routes, errors)
 * @param printRequest print one request as OTLP JSON (protobuf's JSON: ids in base64) and send nothing
 */
record LoadOptions(URI endpoint, int exporters, int batch, long rate, int services, Duration spread, Duration warmup,
        Duration duration, Duration timeout, String client, int templates, boolean printRequest) {

    static final String USAGE = """
            OtlpLoadGenerator [--endpoint http://localhost:4318] [--exporters 8] [--batch 512] [--rate 0 (spans/s, 0 = back to back)]
                              [--services 10] [--spread 4s] [--warmup 10s] [--duration 60s] [--timeout 10s]
                              [--client raw|jdk] [--templates 2] [--print-request]""";

    LoadOptions {
        if (exporters < 1 || batch < 1 || services < 1 || templates < 1 || rate < 0) {
            throw new IllegalArgumentException("exporters, batch, services and templates must be positive, rate not negative");
        }
        if (!client.equals("raw") && !client.equals("jdk")) {
            throw new IllegalArgumentException("--client is raw or jdk, not " + client);
        }
        if (client.equals("raw") && !"http".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("the raw client speaks plain http only; use --client jdk for " + endpoint);
        }
    }

    static LoadOptions parse(String... args) {
        String endpoint = "http://localhost:4318";
        int exporters = 8;
        int batch = 512;
        long rate = 0;
        int services = 10;
        Duration spread = Duration.ofSeconds(4);
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(60);
        Duration timeout = Duration.ofSeconds(10);
        String client = "raw";
        int templates = 2;
        boolean printRequest = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("usage");
            }
            if (name.equals("--print-request")) {
                printRequest = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("no value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--endpoint" -> endpoint = value;
                case "--exporters" -> exporters = Integer.parseInt(value);
                case "--batch" -> batch = Integer.parseInt(value);
                case "--rate" -> rate = Long.parseLong(value.replace("_", "").replace(",", ""));
                case "--services" -> services = Integer.parseInt(value);
                case "--spread" -> spread = duration(value);
                case "--warmup" -> warmup = duration(value);
                case "--duration" -> duration = duration(value);
                case "--timeout" -> timeout = duration(value);
                case "--client" -> client = value;
                case "--templates" -> templates = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return new LoadOptions(URI.create(base), exporters, batch, rate, services, spread, warmup, duration, timeout,
                client, templates, printRequest);
    }

    /** Where the requests go: {@code <endpoint>/v1/traces}. */
    URI tracesUri() {
        return URI.create(endpoint + "/v1/traces");
    }

    /** {@code 4s}, {@code 250ms}, {@code 2m}, {@code 1h}, or plain seconds. */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.replaceAll("[smh]$", ""));
        return switch (value.charAt(value.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }
}

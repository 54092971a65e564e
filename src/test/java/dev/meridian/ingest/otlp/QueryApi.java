package dev.meridian.ingest.otlp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.meridian.telemetry.TraceId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads stored telemetry back the way a user does: through the JSON query API under {@code /api/v1}. */
final class QueryApi {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Wide enough for the fixtures (2018) and for data sent by the tests (now). */
    private static final String ALL_TIME = "from=0&to=" + Instant.now().plusSeconds(86_400).toEpochMilli();

    private final int port;

    QueryApi(int port) {
        this.port = port;
    }

    /** The spans of a trace (GET /api/v1/traces/{id}), empty when the trace is unknown (404). */
    List<JsonNode> spans(TraceId traceId) {
        Response response = get("/api/v1/traces/" + traceId.toHex());
        if (response.status() == 404) {
            return List.of();
        }
        return list(response.require200().path("spans"));
    }

    /** The logs of a trace (GET /api/v1/logs?traceId=), newest first. */
    List<JsonNode> logs(TraceId traceId) {
        return list(get("/api/v1/logs?limit=5000&" + ALL_TIME + "&traceId=" + traceId.toHex()).require200());
    }

    List<JsonNode> logsOf(String service) {
        return list(get("/api/v1/logs?limit=5000&" + ALL_TIME + "&service=" + encode(service)).require200());
    }

    /** The metric descriptors of a service (GET /api/v1/metrics?service=). */
    List<JsonNode> metrics(String service) {
        return list(get("/api/v1/metrics?service=" + encode(service)).require200());
    }

    /** Every non-null value of a metric's series over the last hour, by one aggregation. */
    List<Double> seriesValues(String metric, String service, String aggregation) {
        long now = Instant.now().toEpochMilli();
        JsonNode body = get("/api/v1/metrics/" + encode(metric) + "/series?service=" + encode(service) + "&agg=" + aggregation
                + "&from=" + (now - 3_600_000) + "&to=" + (now + 60_000) + "&step=1m").require200();
        List<Double> values = new ArrayList<>();
        for (JsonNode series : body.path("series")) {
            for (JsonNode point : series.path("points")) {
                if (!point.path("value").isNull() && !point.path("value").isMissingNode()) {
                    values.add(point.path("value").asDouble());
                }
            }
        }
        return values;
    }

    JsonNode stats() {
        return fetch("/api/v1/ingest/stats").require200();
    }

    /**
     * Waits until the writer has committed everything acknowledged so far: with the write-ahead log, an
     * acknowledgement comes before the database applies the batch, and reads follow a moment later.
     */
    void awaitApplied() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (stats().path("unappliedItems").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("acknowledged items were not applied within 10 s: " + stats());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    JsonNode health() {
        return fetch("/actuator/health").body();
    }

    /** A query, after everything acknowledged is visible to queries. */
    Response get(String path) {
        awaitApplied();
        return fetch(path);
    }

    private Response fetch(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Response(path, response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(String path, int status, JsonNode body) {
        JsonNode require200() {
            if (status != 200) {
                throw new AssertionError("GET " + path + " answered " + status + ": " + body);
            }
            return body;
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

package dev.meridian.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The dashboards API over real HTTP, against an H2 file in a temporary directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardsApiTest {

    static final String CHECKOUT = """
            {"schemaVersion": 1, "title": "Checkout <script>", "description": "team view",
             "panels": [
               {"title": "p95", "kind": "line", "width": 2,
                "query": {"type": "red", "service": "shop", "operation": "GET /a", "figure": "p95"}},
               {"title": "Heap", "kind": "area", "width": 2,
                "query": {"type": "metric", "name": "jvm.memory.used", "service": "shop", "aggregation": "avg",
                          "filters": {"jvm.memory.type": "heap"}, "groupBy": ["jvm.memory.pool.name"]}}]}
            """;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-dashboards-api-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
        registry.add("meridian.otlp.grpc-port", () -> "0");
        registry.add("meridian.otlp.http-port", () -> "0");
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    record Response(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Response send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body().isEmpty() ? null : json.readTree(response.body()), response);
    }

    @Test
    void importThenExport_roundTrips() throws Exception {
        Response created = send("POST", "/api/v1/dashboards", CHECKOUT);

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asString();
        assertThat(created.raw().headers().firstValue("Location")).contains("/api/v1/dashboards/" + id);
        Response exported = send("GET", "/api/v1/dashboards/" + id, null);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = exported.body();
        assertThat(body.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(body.get("title").asString()).isEqualTo("Checkout <script>");
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(body.get("panels").get(0).get("id").asString()).isEqualTo("p1");
        assertThat(body.get("panels").get(0).get("query").get("figure").asString()).isEqualTo("p95");
        assertThat(body.get("panels").get(1).get("query").get("groupBy").get(0).asString()).isEqualTo("jvm.memory.pool.name");

        Response list = send("GET", "/api/v1/dashboards", null);
        assertThat(list.body().findValuesAsString("id")).contains(id);
    }

    @Test
    void import_rejectsBadInputWith400AndAMessage() throws Exception {
        Response malformed = send("POST", "/api/v1/dashboards", "{\"schemaVersion\": 1,");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("error").asString()).startsWith("malformed JSON");

        Response unknownKind = send("POST", "/api/v1/dashboards",
                "{\"schemaVersion\": 1, \"title\": \"T\", \"panels\": [{\"title\": \"x\", \"query\": {\"type\": \"promql\"}}]}");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.body().get("error").asString()).contains("'promql' is not a known query type");

        Response empty = send("POST", "/api/v1/dashboards", null);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("error").asString()).isEqualTo("the dashboard JSON is empty");
    }

    @Test
    void put_replaces_andAStaleVersionIs409() throws Exception {
        String id = send("POST", "/api/v1/dashboards", CHECKOUT).body().get("id").asString();

        Response renamed = send("PUT", "/api/v1/dashboards/" + id,
                "{\"schemaVersion\": 1, \"title\": \"Renamed\", \"version\": 1, \"panels\": []}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.body().get("version").asLong()).isEqualTo(2);

        Response stale = send("PUT", "/api/v1/dashboards/" + id,
                "{\"schemaVersion\": 1, \"title\": \"Again\", \"version\": 1, \"panels\": []}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("error").asString()).contains("changed by someone else");
    }

    @Test
    void unknownIds_are404() throws Exception {
        assertThat(send("GET", "/api/v1/dashboards/nope", null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/dashboards/nope", null).body().get("error").asString()).contains("nope");
        assertThat(send("DELETE", "/api/v1/dashboards/nope", null).status()).isEqualTo(404);
        assertThat(send("PUT", "/api/v1/dashboards/nope", "{\"schemaVersion\": 1, \"title\": \"T\"}").status()).isEqualTo(404);
    }

    @Test
    void delete_removesIt() throws Exception {
        String id = send("POST", "/api/v1/dashboards", CHECKOUT).body().get("id").asString();

        assertThat(send("DELETE", "/api/v1/dashboards/" + id, null).status()).isEqualTo(204);
        assertThat(send("GET", "/api/v1/dashboards/" + id, null).status()).isEqualTo(404);
    }

    static final String WITH_VARIABLES = """
            {"schemaVersion": 1, "title": "Per service",
             "variables": [{"name": "service", "type": "service"}, {"name": "operation", "type": "operation"},
                           {"name": "env", "type": "attribute", "key": "deployment.environment.name"}],
             "panels": [
               {"title": "p95 of $service", "kind": "line", "width": 2,
                "query": {"type": "red", "service": "$service", "operation": "${operation}", "figure": "p95"}},
               {"title": "Heap", "kind": "area", "width": 2,
                "query": {"type": "metric", "name": "jvm.memory.used", "service": "$service", "aggregation": "avg",
                          "filters": {"deployment.environment.name": "$env"}, "groupBy": []}}]}
            """;

    @Test
    void variables_importThenExport_giveTheSameVariablesAndReferences() throws Exception {
        Response created = send("POST", "/api/v1/dashboards", WITH_VARIABLES);
        assertThat(created.status()).isEqualTo(201);

        Response exported = send("GET", "/api/v1/dashboards/" + created.body().get("id").asString(), null);

        assertThat(exported.body().get("variables")).isEqualTo(json.readTree(WITH_VARIABLES).get("variables"));
        assertThat(exported.body().get("panels").get(0).get("query").get("operation").asString()).isEqualTo("${operation}");
        assertThat(exported.body().get("panels").get(1).get("query").get("filters"))
                .isEqualTo(json.readTree(WITH_VARIABLES).get("panels").get(1).get("query").get("filters"));
        Response again = send("POST", "/api/v1/dashboards", exported.raw().body());
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("variables")).isEqualTo(exported.body().get("variables"));
        assertThat(again.body().get("panels")).isEqualTo(exported.body().get("panels"));
    }

    @Test
    void variables_thatAreInvalid_answer400NamingTheVariable() throws Exception {
        Response refused = send("POST", "/api/v1/dashboards", WITH_VARIABLES.replace("\"type\": \"operation\"", "\"type\": \"route\"")
                .replace("\"$service\", \"aggregation\"", "\"$svc\", \"aggregation\""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("error").asString())
                .contains("variables[1] 'operation': type 'route' is not one of service, operation, attribute");
    }

    @Test
    void builtInServiceHealth_existsAfterStart_andRestoreResetsAnEdit() throws Exception {
        Response shipped = send("GET", "/api/v1/dashboards/service-health", null);
        assertThat(shipped.status()).isEqualTo(200);
        assertThat(shipped.body().get("title").asString()).isEqualTo("Service health");
        assertThat(shipped.body().get("variables").get(0).get("name").asString()).isEqualTo("service");

        Response edited = send("PUT", "/api/v1/dashboards/service-health", """
                {"schemaVersion": 1, "title": "Edited", "panels": []}""");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/dashboards/service-health", null).body().get("title").asString()).isEqualTo("Edited");

        Response restored = send("POST", "/api/v1/dashboards/service-health/restore", null);

        assertThat(restored.status()).isEqualTo(200);
        JsonNode now = send("GET", "/api/v1/dashboards/service-health", null).body();
        assertThat(now.get("title").asString()).isEqualTo("Service health");
        assertThat(now.get("panels")).isEqualTo(shipped.body().get("panels"));
        assertThat(now.get("variables")).isEqualTo(shipped.body().get("variables"));
        assertThat(send("POST", "/api/v1/dashboards/nosuch/restore", null).status()).isEqualTo(404);
    }
}

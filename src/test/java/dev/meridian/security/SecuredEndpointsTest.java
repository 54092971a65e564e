package dev.meridian.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every endpoint family over real HTTP with security on: no, wrong and right credentials, as a bearer token
 * and as HTTP Basic. The API answers a JSON 401 and never redirects; the UI redirects to its login page;
 * {@code /actuator/health} is open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "meridian.security.enabled=true",
        "meridian.security.admin-password=correct horse battery",
        "meridian.security.api-tokens=token-one, token-two ,"})
class SecuredEndpointsTest {

    static final String DASHBOARD = """
            {"schemaVersion": 1, "title": "Secured", "panels": [
              {"title": "p95", "query": {"type": "red", "service": "shop", "figure": "p95"}}]}
            """;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("meridian-secured-endpoints-test");
        registry.add("meridian.data-dir", () -> dir.resolve("data").toString());
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient(); // follows no redirects
    final ObjectMapper json = new ObjectMapper();

    /** A credential as a client would send it, with the name the test reports. */
    enum Credentials {
        NONE(null),
        WRONG_BEARER("Bearer token-three"),
        EMPTY_BEARER("Bearer "),
        WRONG_BASIC(basic("admin", "correct horse")),
        UNKNOWN_USER(basic("root", "correct horse battery")),
        BEARER(bearerOf("token-one")),
        SECOND_BEARER(bearerOf("token-two")),
        BASIC(basic("admin", "correct horse battery"));

        final String header;

        Credentials(String header) {
            this.header = header;
        }

        boolean valid() {
            return this == BEARER || this == SECOND_BEARER || this == BASIC;
        }

        static String basic(String user, String password) {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        static String bearerOf(String token) {
            return "Bearer " + token;
        }
    }

    /** One request of each API family and what it answers once authenticated. */
    record Call(String method, String path, String body, int authenticatedStatus) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Call> API = List.of(
            new Call("GET", "/api/v1/services", null, 200),
            new Call("GET", "/api/v1/services/shop/operations", null, 200),
            new Call("GET", "/api/v1/services/shop/series", null, 200),
            new Call("GET", "/api/v1/traces", null, 200),
            new Call("GET", "/api/v1/service-map", null, 200),
            new Call("GET", "/api/v1/traces/0123456789abcdef0123456789abcdef", null, 404),
            new Call("GET", "/api/v1/logs", null, 200),
            new Call("GET", "/api/v1/metrics", null, 200),
            new Call("GET", "/api/v1/dashboards", null, 200),
            new Call("POST", "/api/v1/dashboards", DASHBOARD, 201),
            new Call("DELETE", "/api/v1/dashboards/no-such-dashboard", null, 404),
            new Call("GET", "/api/v1/ingest/stats", null, 200),
            new Call("GET", "/api/v1/alerts", null, 200),
            new Call("GET", "/api/v1/alerts/rules", null, 200),
            new Call("POST", "/api/v1/alerts/evaluate", "{}", 200),
            new Call("GET", "/api/v1/no-such-resource", null, 404),
            // the Jaeger-compatible API is guarded like /api
            new Call("GET", "/jaeger/api/services", null, 200),
            new Call("GET", "/jaeger/api/traces/0123456789abcdef0123456789abcdef", null, 404));

    static Stream<Arguments> apiCalls() {
        return API.stream().flatMap(call -> Stream.of(Credentials.values()).map(credentials -> Arguments.of(call, credentials)));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("apiCalls")
    void api_answersJson401WithoutValidCredentials_andServesWithThem(Call call, Credentials credentials) throws Exception {
        HttpResponse<String> response = send(call.method(), call.path(), credentials, "application/json", call.body());

        assertThat(response.statusCode() / 100).as("never a redirect").isNotEqualTo(3);
        assertThat(response.headers().firstValue("Set-Cookie")).as("no session for API clients").isEmpty();
        if (credentials.valid()) {
            assertThat(response.statusCode()).isEqualTo(call.authenticatedStatus());
            return;
        }
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"meridian\"");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.properties()).hasSize(1);
        assertThat(body.get("error").asString()).isEqualTo(credentials == Credentials.NONE
                ? ApiErrorResponses.UNAUTHENTICATED : ApiErrorResponses.BAD_CREDENTIALS);
    }

    @ParameterizedTest(name = "health with {0}")
    @MethodSource("allCredentials")
    void health_isOpenWhateverTheCredentials(Credentials credentials) throws Exception {
        HttpResponse<String> response = send("GET", "/actuator/health", credentials, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"UP\"");
    }

    @ParameterizedTest(name = "UI with {0}")
    @MethodSource("allCredentials")
    void uiRoutes_redirectToTheLoginPage_forApiCredentialsToo(Credentials credentials) throws Exception {
        for (String path : List.of("/", "/traces?service=shop", "/dashboards")) {
            HttpResponse<String> response = send("GET", path, credentials, null, null);

            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).contains("http://localhost:" + port + "/login");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonJsonWrites")
    void stateChangingApiCalls_refuseBodiesAFormOrSimpleRequestCouldSend(String method, String contentType) throws Exception {
        HttpResponse<String> response = send(method, method.equals("POST") ? "/api/v1/dashboards" : "/api/v1/dashboards/x",
                Credentials.BASIC, contentType, DASHBOARD);

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(json.readTree(response.body()).get("error").asString()).isEqualTo(JsonOnlyWrites.MESSAGE);
    }

    static Stream<Arguments> nonJsonWrites() {
        return Stream.of(
                Arguments.of("POST", "text/plain"),
                Arguments.of("POST", "text/plain;charset=UTF-8"),
                Arguments.of("POST", "application/x-www-form-urlencoded"),
                Arguments.of("POST", "multipart/form-data; boundary=x"),
                Arguments.of("POST", null),
                Arguments.of("PUT", "text/plain"),
                Arguments.of("DELETE", "text/plain"));
    }

    @Test
    void nonJsonWriteWithoutCredentials_isRefusedAs401First() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/dashboards", Credentials.NONE, "text/plain", DASHBOARD);

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void jsonWithCharset_isAccepted() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/dashboards", Credentials.BEARER,
                "application/json; charset=utf-8", DASHBOARD);

        assertThat(response.statusCode()).isEqualTo(201);
    }

    static Stream<Credentials> allCredentials() {
        return Stream.of(Credentials.values());
    }

    private HttpResponse<String> send(String method, String path, Credentials credentials, String contentType,
                                      String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (credentials.header != null) {
            request.header("Authorization", credentials.header);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

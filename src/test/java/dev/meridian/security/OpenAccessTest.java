package dev.meridian.security;

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

/**
 * {@code meridian.security.enabled=false}: the API answers without credentials, no password is generated,
 * and writes still need a JSON body (a web page could otherwise post to a Meridian on the visitor's network).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "meridian.security.enabled=false")
class OpenAccessTest {

    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        dataDir = Files.createTempDirectory("meridian-open-access-test").resolve("data");
        registry.add("meridian.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void api_answersWithoutCredentials_andNoPasswordIsGenerated() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/services", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(dataDir.resolve(AdminPassword.FILE_NAME)).doesNotExist();
    }

    @Test
    void writes_stillNeedJson() throws Exception {
        String dashboard = "{\"schemaVersion\": 1, \"title\": \"Open\", \"panels\": []}";

        assertThat(send("POST", "/api/v1/dashboards", "text/plain", dashboard).statusCode()).isEqualTo(415);
        assertThat(send("POST", "/api/v1/dashboards", "application/json", dashboard).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

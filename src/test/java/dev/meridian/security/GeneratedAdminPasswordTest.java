package dev.meridian.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meridian.MeridianApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Meridian started twice on one data directory with no admin password configured, as {@code ./meridian} does:
 * the first start generates a password and prints it with the login URL, the second prints nothing and
 * accepts the same password.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminPasswordTest {

    private static final Pattern PRINTED = Pattern.compile(
            "Meridian admin password \\(generated, shown only this once\\): (\\S+)\\s+Log in at (\\S+) as 'admin'");

    @TempDir
    Path dataDir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void generatedOnce_printedOnce_andReusedByTheNextStart(CapturedOutput output) throws Exception {
        String password;
        try (ConfigurableApplicationContext first = start()) {
            Matcher printed = PRINTED.matcher(output.getAll());
            assertThat(printed.find()).as("password printed at the first start").isTrue();
            password = printed.group(1);
            assertThat(printed.group(2)).isEqualTo("http://localhost:" + port(first) + "/login");
            assertThat(printed.find()).as("printed once").isFalse();
            assertThat(servicesStatus(first, password)).isEqualTo(200);
            assertThat(servicesStatus(first, password + "x")).isEqualTo(401);
        }
        Path file = dataDir.resolve(AdminPassword.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).doesNotContain(password);
        int printedBefore = output.getAll().split("Meridian admin password", -1).length;

        try (ConfigurableApplicationContext second = start()) {
            assertThat(output.getAll().split("Meridian admin password", -1).length).as("nothing printed again")
                    .isEqualTo(printedBefore);
            assertThat(servicesStatus(second, password)).isEqualTo(200);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MeridianApplication.class).run(
                "--meridian.security.enabled=true",
                "--meridian.data-dir=" + dataDir,
                "--server.port=0",
                "--meridian.otlp.grpc-port=0",
                "--meridian.otlp.http-port=0");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private int servicesStatus(ConfigurableApplicationContext context, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(context) + "/api/v1/services"))
                .header("Authorization", "Basic " + basic).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

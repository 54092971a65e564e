package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SameSiteAttribute;
import dev.meridian.testing.ShopScenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With security on, a visitor is sent to the login page, logs in through the real form in Chromium, lands on
 * the page asked for, can read the API with the session, cannot write to it with a form-style body, and logs out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "meridian.security.enabled=true",
        "meridian.security.admin-password=journey-password"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoginJourneyIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;

    private Browser browser;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "login-journey", GRPC_PORT, HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT).send(Instant.now());
        Files.createDirectories(SCREENSHOTS);
        browser = new Browser();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void visitor_logsInThroughTheLoginPage_reachesTheServices_andLogsOut() {
        Page page = browser.newPage();
        String services = baseUrl() + "/api/v1/services";
        assertThat(page.request().get(services).status()).as("API before login").isEqualTo(401);

        page.navigate(baseUrl() + "/?from=now-1h&to=now");
        LoginPage login = LoginPage.shown(page);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("login.png")));

        login.logIn("admin", "wrong password");
        login = LoginPage.shown(page);
        login.error().waitFor();
        assertThat(page.url()).contains("/login?error");

        login.logIn("admin", "journey-password");
        page.waitForURL(url -> !url.contains("/login"));
        Vaadin.settle(page);
        // Spring Security marks the page it sends back to with "continue" (its saved-request lookup)
        assertThat(page.url()).as("back at the page asked for").startsWith(baseUrl() + "/?from=now-1h&to=now");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("checkout").setExact(true)).waitFor();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("services-logged-in.png")));

        assertThat(page.context().cookies()).filteredOn(cookie -> cookie.name.equals("JSESSIONID"))
                .singleElement().satisfies(session -> {
                    assertThat(session.sameSite).as("not sent with cross-site posts").isEqualTo(SameSiteAttribute.LAX);
                    assertThat(session.httpOnly).isTrue();
                });
        APIResponse read = page.request().get(services);
        assertThat(read.status()).as("API with the session").isEqualTo(200);
        assertThat(read.text()).contains("\"checkout\"");
        APIResponse formWrite = page.request().post(baseUrl() + "/api/v1/dashboards", RequestOptions.create()
                .setHeader("Content-Type", "text/plain").setData("{\"title\":\"x\",\"panels\":[]}"));
        assertThat(formWrite.status()).as("text/plain write with the session").isEqualTo(415);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        LoginPage.shown(page);
        assertThat(page.request().get(services).status()).as("API after logout").isEqualTo(401);
        page.navigate(baseUrl() + "/traces");
        LoginPage.shown(page);
        assertThat(browser.dialogs()).isEmpty();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}

package dev.meridian.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
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
 * The service map in Chromium, on the shop sent with the OpenTelemetry Java SDK: frontend calls checkout
 * through a CLIENT span, checkout calls payments without one (its handler's context is passed on as is).
 * From the map, an edge leads to the traces through that call and a node to its service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceMapJourneyIT {

    private static final int GRPC_PORT = Ports.free();
    private static final int HTTP_PORT = Ports.free();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String WINDOW = "from=now-1h&to=now";

    @LocalServerPort
    int port;

    private Browser browser;
    private ShopScenario.Sent sent;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        JourneyProperties.ownDataAndPorts(registry, "map-journey", GRPC_PORT, HTTP_PORT);
    }

    @BeforeAll
    void sendTelemetryAndStartBrowser() throws IOException {
        ShopScenario shop = new ShopScenario("http://localhost:" + GRPC_PORT, "http://localhost:" + HTTP_PORT);
        sent = shop.send(Instant.now());
        shop.sendOneRequest(ShopScenario.MARKUP, Instant.now().minusSeconds(5)); // a service named with markup
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
    void edgeOnTheMap_opensTheTracesThroughThatCall() {
        Page page = browser.newPage();
        MapPage map = MapPage.open(page, baseUrl(), WINDOW).waitForCall("frontend", "checkout")
                .waitForCall("checkout", "payments");
        assertThat(map.nodeNames()).containsAll(sent.services()).contains(ShopScenario.MARKUP).hasSize(4);
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("map.png")).setFullPage(true));

        TraceSearchPage traces = map.clickEdge("frontend", "checkout");

        assertThat(traces.url()).contains("service=frontend").contains("calls=checkout");
        assertThat(traces.traceIdPrefixes()).contains(sent.slowTraceId().substring(0, 16));
        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void callWithoutAClientSpan_fromTheTable_opensItsTraces() {
        Page page = browser.newPage();
        MapPage map = MapPage.open(page, baseUrl(), WINDOW).waitForCall("checkout", "payments");

        TraceSearchPage traces = map.openCallTraces("checkout", "payments");

        assertThat(traces.url()).contains("service=checkout").contains("calls=payments");
        assertThat(traces.traceIdPrefixes()).contains(sent.slowTraceId().substring(0, 16));
    }

    @Test
    void nodeOnTheMap_opensItsService() {
        Page page = browser.newPage();
        MapPage map = MapPage.open(page, baseUrl(), WINDOW).waitForCall("frontend", "checkout");

        ServicePage checkout = map.clickNode("checkout");

        assertThat(checkout.title()).isEqualTo("checkout");
        assertThat(page.url()).contains("from=now-1h");
        assertThat(browser.dialogs()).isEmpty();
    }

    @Test
    void untrustedServiceName_isTextInTheTooltip() {
        Page page = browser.newPage();
        MapPage map = MapPage.open(page, baseUrl(), WINDOW).waitForCall("frontend", "checkout");

        com.microsoft.playwright.Locator tooltip = map.showNodeTooltip(ShopScenario.MARKUP);

        assertThat(tooltip.textContent()).contains(ShopScenario.MARKUP).contains("Requests");
        assertThat(page.locator("meridian-echart img").count()).isZero();
        assertThat(browser.dialogs()).isEmpty();
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }
}

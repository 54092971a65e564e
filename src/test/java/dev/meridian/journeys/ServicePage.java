package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Position;
import java.time.Instant;
import java.util.List;

/** {@code /services/{service}}: RED charts that drill down to traces. */
final class ServicePage {

    private final Page page;

    ServicePage(Page page) {
        this.page = page;
        page.locator("#latency meridian-echart canvas").waitFor();
    }

    String title() {
        return page.locator("h2").first().textContent();
    }

    /** Clicks the latency chart's plot area at the given time, a little above the x axis. */
    TraceSearchPage clickLatencyAt(Instant time) {
        Locator chart = page.locator("#latency meridian-echart");
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) chart.evaluate("(el, t) => el.pixelOf(t, 0)", (double) time.toEpochMilli());
        chart.click(new Locator.ClickOptions().setPosition(new Position(pixel.get(0).doubleValue(),
                pixel.get(1).doubleValue() - 12)));
        page.waitForURL(url -> url.contains("/traces?"));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }

    /** Brushes the latency chart's plot area from one time to another, which opens the traces of that range. */
    TraceSearchPage brushLatency(Instant from, Instant to) {
        TraceSearchPage.brush(page, page.locator("#latency meridian-echart"), from, to);
        page.waitForURL(url -> url.contains("/traces?"));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }
}

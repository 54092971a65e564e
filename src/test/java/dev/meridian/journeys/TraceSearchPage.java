package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Mouse;
import com.microsoft.playwright.options.BoundingBox;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /traces}: search results, slowest first after a drill-down. */
final class TraceSearchPage {

    private final Page page;

    TraceSearchPage(Page page) {
        this.page = page;
        page.locator(".meridian-trace-id").first().waitFor();
    }

    String url() {
        return page.url();
    }

    /** The searched window, from the URL's {@code from} and {@code to} (epoch milliseconds after a brushed range). */
    Instant[] window() {
        return new Instant[] {Instant.ofEpochMilli(parameter("from")), Instant.ofEpochMilli(parameter("to"))};
    }

    private long parameter(String name) {
        Matcher m = Pattern.compile("[?&]" + name + "=(\\d+)").matcher(page.url());
        if (!m.find()) {
            throw new AssertionError("no absolute " + name + " in " + page.url());
        }
        return Long.parseLong(m.group(1));
    }

    /** Brushes the scatter plot from one time to another, which searches that range. */
    TraceSearchPage brushScatter(Instant from, Instant to) {
        String before = page.url();
        brush(page, page.locator("meridian-echart").first(), from, to);
        page.waitForURL(url -> !url.equals(before));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }

    /** Drags across a chart's plot, a little above its x axis, from one time to another. */
    static void brush(Page page, Locator chart, Instant from, Instant to) {
        // a search's results reach the chart as a new option after the round trip settles: drag once its axis holds
        double[] start = pixel(chart, from);
        double[] end = pixel(chart, to);
        for (int i = 0; i < 20; i++) {
            page.waitForTimeout(250);
            double[] startNow = pixel(chart, from);
            double[] endNow = pixel(chart, to);
            if (java.util.Arrays.equals(start, startNow) && java.util.Arrays.equals(end, endNow)) {
                break;
            }
            start = startNow;
            end = endNow;
        }
        BoundingBox box = chart.boundingBox();
        double y = box.y + start[1] - 30;
        page.mouse().move(box.x + start[0], y);
        page.mouse().down();
        page.mouse().move(box.x + end[0], y, new Mouse.MoveOptions().setSteps(10));
        page.mouse().up();
    }

    private static double[] pixel(Locator chart, Instant time) {
        @SuppressWarnings("unchecked")
        List<Number> pixel = (List<Number>) chart.evaluate("(el, t) => el.pixelOf(t, 0)", (double) time.toEpochMilli());
        return new double[] {pixel.get(0).doubleValue(), pixel.get(1).doubleValue()};
    }

    /** The trace id (first 16 hex digits) of the topmost result row. */
    String firstTraceIdPrefix() {
        return topmost().textContent().trim();
    }

    TracePage openFirst() {
        topmost().click();
        page.waitForURL(url -> url.matches(".*/traces/[0-9a-f]{32}.*"));
        Vaadin.settle(page);
        return new TracePage(page);
    }

    /** The trace ids (first 16 hex digits) of every result row. */
    java.util.List<String> traceIdPrefixes() {
        return page.locator(".meridian-trace-id").allTextContents().stream().map(String::trim).toList();
    }

    private Locator topmost() {
        Locator ids = page.locator(".meridian-trace-id");
        Locator best = null;
        double bestY = Double.MAX_VALUE;
        for (int i = 0; i < ids.count(); i++) {
            BoundingBox box = ids.nth(i).boundingBox();
            if (box != null && box.y < bestY) {
                bestY = box.y;
                best = ids.nth(i);
            }
        }
        if (best == null) {
            throw new AssertionError("no trace in the results");
        }
        return best;
    }
}

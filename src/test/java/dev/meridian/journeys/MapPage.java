package dev.meridian.journeys;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Position;
import java.util.List;

/** {@code /map}: the service map (a graph chart) and its table of calls. */
final class MapPage {

    private final Page page;

    private MapPage(Page page) {
        this.page = page;
    }

    static MapPage open(Page page, String baseUrl, String timeQuery) {
        page.navigate(baseUrl + "/map?" + timeQuery);
        Vaadin.settle(page);
        return new MapPage(page);
    }

    private Locator chart() {
        return page.locator("meridian-echart[aria-label='Service map']");
    }

    /** Waits until the table lists the call from {@code source} to {@code target}. */
    MapPage waitForCall(String source, String target) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Traces of " + source + " calling " + target)
                .setExact(true)).waitFor();
        return this;
    }

    /** The nodes the chart drew, by name (read from the chart's option: nodes are canvas, not DOM). */
    @SuppressWarnings("unchecked")
    List<String> nodeNames() {
        chart().locator("canvas").waitFor();
        page.waitForFunction("el => el.graphPixel && el.graphPixel('node', 0) !== null", chart().elementHandle());
        return (List<String>) chart().evaluate("el => el.option.series[0].data.map(n => n.name)");
    }

    /** Clicks the middle of the edge from {@code source} to {@code target} on the canvas. */
    TraceSearchPage clickEdge(String source, String target) {
        int index = ((Number) chart().evaluate("(el, [s, t]) => { const o = el.option.series[0];"
                + " return o.links.findIndex(l => o.data[l.source].name === s && o.data[l.target].name === t); }",
                List.of(source, target))).intValue();
        if (index < 0) {
            throw new AssertionError("no edge " + source + " -> " + target + " on the map");
        }
        clickAt("edge", index);
        page.waitForURL(url -> url.contains("/traces?"));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }

    /** Clicks a node (a service) on the canvas. */
    ServicePage clickNode(String service) {
        int index = nodeNames().indexOf(service);
        if (index < 0) {
            throw new AssertionError("no node " + service + " on the map");
        }
        clickAt("node", index);
        page.waitForURL(url -> url.contains("/services/"));
        Vaadin.settle(page);
        return new ServicePage(page);
    }

    /** Shows a node's tooltip, as hovering it would, and returns it (the box around its title line). */
    Locator showNodeTooltip(String service) {
        int index = nodeNames().indexOf(service);
        chart().evaluate("(el, i) => el.showTip(0, i)", index);
        Locator title = chart().locator("div", new Locator.LocatorOptions().setHasText(service)).last();
        title.waitFor();
        return title.locator("xpath=..");
    }

    /** Opens the traces of a call through the table's link (the accessible way). */
    TraceSearchPage openCallTraces(String source, String target) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Traces of " + source + " calling " + target)
                .setExact(true)).click();
        page.waitForURL(url -> url.contains("/traces?"));
        Vaadin.settle(page);
        return new TraceSearchPage(page);
    }

    @SuppressWarnings("unchecked")
    private void clickAt(String dataType, int index) {
        List<Number> pixel = (List<Number>) chart().evaluate("(el, [type, i]) => el.graphPixel(type, i)",
                List.of(dataType, index));
        chart().click(new Locator.ClickOptions().setPosition(new Position(pixel.get(0).doubleValue(), pixel.get(1).doubleValue())));
    }
}
